package com.custodian.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.custodian.testsupport.TestDatabase;

/**
 * The production jar, started as the README's "production jar" section starts it — its own process,
 * {@code CUSTODIAN_DEMO=true} for the local sign-in and demo people, and a MariaDB database of this
 * run — once for all journeys of the test JVM, and stopped gracefully (SIGTERM) at the end. The jar is
 * {@code -Dcustodian.e2e.jar}, else the newest {@code target/custodian-*.jar} (build it with
 * {@code ./mvnw -Pproduction -DskipTests package}).
 */
public final class RunningApp implements BeforeAllCallback, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningApp.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static RunningApp instance;

    private final Path jar;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final TestDatabase.Settings database;
    /** The settings of an application configured otherwise than the default run; null for the default run. */
    private final Map<String, String> environment;
    private Process process;

    /** For JUnit's {@code @ExtendWith}; the app itself is {@link #get()}. */
    public RunningApp() {
        this.jar = null;
        this.workDir = null;
        this.log = null;
        this.port = 0;
        this.database = null;
        this.environment = null;
    }

    private RunningApp(Path jar, Path workDir, int port, TestDatabase.Settings database,
            Map<String, String> environment, String logName) {
        this.jar = jar;
        this.workDir = workDir;
        this.log = Paths.get("target", "e2e", logName).toAbsolutePath();
        this.port = port;
        this.database = database;
        this.environment = environment;
    }

    /**
     * The production jar as a company runs it (no demo), on a database of its own, with these
     * settings (Entra, SMTP and the like); the caller closes it.
     */
    public static RunningApp configured(Map<String, String> environment, String name) throws IOException {
        RunningApp app = new RunningApp(jar(), Files.createTempDirectory("custodian-e2e-" + name + "-"), freePort(),
                TestDatabase.fresh(), Map.copyOf(environment), name + ".log");
        app.start();
        return app;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes it once every test class of the JVM has run.
        context.getRoot().getStore(NAMESPACE).computeIfAbsent("app", key -> get(), RunningApp.class);
    }

    public static synchronized RunningApp get() {
        if (instance == null) {
            try {
                Path workDir = Files.createTempDirectory("custodian-e2e-");
                instance = new RunningApp(jar(), workDir, freePort(), TestDatabase.settings(), null, "app.log");
                instance.start();
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the application", e);
            }
        }
        return instance;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    /** Where the app runs: {@code data/outbox} holds the alert emails of the default run. */
    public Path workDir() {
        return workDir;
    }

    public TestDatabase.Settings database() {
        return database;
    }

    /** Stops the app gracefully and starts it again on the same database, port and folder. */
    public synchronized void restart() throws IOException {
        stop();
        start();
    }

    private void start() throws IOException {
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ENTRA_") || name.startsWith("SMTP_") || name.startsWith("DB_"));
        if (environment == null) {
            env.put("CUSTODIAN_DEMO", "true");
        } else {
            env.remove("CUSTODIAN_DEMO");
            env.putAll(environment);
        }
        env.put("PORT", String.valueOf(port));
        env.put("DB_URL", database.url());
        env.put("DB_USER", database.user());
        env.put("DB_PASSWORD", database.password());
        process = builder.start();
        awaitReady();
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application stopped while starting (exit " + process.exitValue()
                        + "); its output:\n" + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("The application did not become healthy within " + START_TIMEOUT
                + "; its output:\n" + tail());
    }

    private void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The production jar to start: {@code -Dcustodian.e2e.jar}, else the newest {@code target/custodian-*.jar}. */
    public static Path jar() throws IOException {
        String configured = System.getProperty("custodian.e2e.jar");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        try (Stream<Path> jars = Files.list(Paths.get("target"))) {
            return jars.filter(path -> path.getFileName().toString().matches("custodian-.*\\.jar"))
                    .max(Comparator.comparing(path -> path.toFile().lastModified()))
                    .map(Path::toAbsolutePath)
                    .orElseThrow(() -> new IllegalStateException("No target/custodian-*.jar: build it first with "
                            + "./mvnw -Pproduction -DskipTests package, or name one with -Dcustodian.e2e.jar"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
