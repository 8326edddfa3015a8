# syntax=docker/dockerfile:1
# Build stage: the production jar, with Vaadin's production frontend bundle.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline
COPY frontend frontend
COPY src src
RUN ./mvnw -B -ntp -Pproduction -DskipTests package && cp target/custodian-*.jar /build/custodian.jar

# Runtime stage: a JRE and the jar, as an unprivileged user.
FROM eclipse-temurin:25-jre
RUN groupadd --system custodian && useradd --system --gid custodian --home-dir /app custodian \
    && mkdir -p /app/data && chown -R custodian:custodian /app \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=custodian:custodian /build/custodian.jar /app/custodian.jar
USER custodian
ENV PORT=8080 \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/actuator/health/liveness" || exit 1
ENTRYPOINT ["java", "-jar", "/app/custodian.jar"]
