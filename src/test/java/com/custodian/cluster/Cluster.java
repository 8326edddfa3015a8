package com.custodian.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The deployment of several instances, driven through {@code .ci/cluster}: a three-node Galera
 * cluster and HAProxy (started once), and instances 1-3 of the production jar (the newest
 * {@code target/custodian-*.jar}, or {@code -Dcustodian.e2e.jar}). Closing it stops everything and
 * keeps the instances' logs under {@code target/cluster}.
 */
final class Cluster implements AutoCloseable {

    static final int HTTP_PORT = 8090;
    static final int DATABASE_PORT = 3310;

    private final Path directory;
    private final Path script = Paths.get(".ci", "cluster").toAbsolutePath();
    private final Map<String, String> environment;
    private final Path jar;

    private Cluster(Map<String, String> environment) throws IOException {
        // The script's own directory: a run that died is cleaned up by the next.
        this.directory = Paths.get(System.getenv().getOrDefault("CUSTODIAN_CLUSTER_DIR", "/tmp/custodian-cluster"));
        this.environment = new HashMap<>(environment);
        this.environment.put("CUSTODIAN_CLUSTER_DIR", directory.toString());
        this.jar = com.custodian.e2e.RunningApp.jar();
    }

    /** A new Galera cluster and HAProxy; the instances, started later, get this environment. */
    static Cluster start(Map<String, String> instanceEnvironment) throws IOException {
        Cluster cluster = new Cluster(instanceEnvironment);
        cluster.run("start-db");
        return cluster;
    }

    /** Starts the instances at the same moment, and waits until each is ready. */
    void startInstances(int... numbers) {
        for (int number : numbers) {
            run("start-app", String.valueOf(number), jar.toString());
        }
        for (int number : numbers) {
            run("await-app", String.valueOf(number));
        }
    }

    /** Starts the instances on another database than the cluster (a single server), and waits for them. */
    void startInstancesOn(String url, String user, String password, int... numbers) {
        Map<String, String> database = Map.of("CLUSTER_APP_DB_URL", url, "CLUSTER_APP_DB_USER", user,
                "CLUSTER_APP_DB_PASSWORD", password);
        for (int number : numbers) {
            run(database, "start-app", String.valueOf(number), jar.toString());
        }
        awaitInstances(numbers);
    }

    /** SIGTERM, and waits for the instance to stop. */
    void stopInstance(int number) {
        run("stop-app", String.valueOf(number));
    }

    /** Starts the instance again, without waiting: the tests that need it wait with {@link #awaitInstances}. */
    void restartInBackground(int number) {
        run("start-app", String.valueOf(number), jar.toString());
    }

    /** Waits until each instance is ready (at once for one that is), starting any that does not run. */
    void awaitInstances(int... numbers) {
        for (int number : numbers) {
            run("ensure-app", String.valueOf(number), jar.toString());
        }
    }

    /** SIGKILL: the instance's machine is lost. */
    void killInstance(int number) {
        run("kill-app", String.valueOf(number));
    }

    /** SIGKILL: the Galera node's machine is lost. */
    void killNode(int number) {
        run("kill-db", String.valueOf(number));
    }

    /** Brings a killed node back; it rejoins the cluster. */
    void startNode(int number) {
        run("start-node", String.valueOf(number));
    }

    /** The instance's process ID while it runs, or -1. */
    long pid(int number) {
        try {
            return Long.parseLong(Files.readString(directory.resolve("app" + number).resolve("pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Which instance wrote a {@code job_lock.locked_by} (its process ID comes first), or 0. */
    int instanceNamed(String lockedBy) {
        for (int number = 1; number <= 3; number++) {
            long pid = pid(number);
            if (pid > 0 && lockedBy != null && lockedBy.startsWith(pid + "@")) {
                return number;
            }
        }
        return 0;
    }

    /** Through the load balancer, as people and devices reach Custodian. */
    String url(String path) {
        return "http://127.0.0.1:" + HTTP_PORT + path;
    }

    /** One instance directly. */
    String instanceUrl(int number, String path) {
        return "http://127.0.0.1:" + (HTTP_PORT + number) + path;
    }

    /** The database through HAProxy, as the instances reach it. */
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + DATABASE_PORT + "/custodian", "custodian",
                password());
    }

    /** One Galera node directly. */
    Connection node(int number) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + (3310 + number) + "/custodian", "custodian",
                password());
    }

    private String password() {
        try {
            return Files.readString(directory.resolve("db-password")).trim();
        } catch (IOException e) {
            throw new IllegalStateException("The cluster has no database password yet", e);
        }
    }

    /** The instance's console output so far. */
    String log(int number) throws IOException {
        Path log = directory.resolve("app" + number).resolve("console.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException {
        Path kept = Paths.get("target", "cluster").toAbsolutePath();
        Files.createDirectories(kept);
        for (int number = 1; number <= 3; number++) {
            Path log = directory.resolve("app" + number).resolve("console.log");
            if (Files.exists(log)) {
                Files.copy(log, kept.resolve("app" + number + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
            Path nodeLog = directory.resolve("node" + number).resolve("error.log");
            if (Files.exists(nodeLog)) {
                Files.copy(nodeLog, kept.resolve("node" + number + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path balancerLog = directory.resolve("haproxy.log");
        if (Files.exists(balancerLog)) {
            Files.copy(balancerLog, kept.resolve("haproxy.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        run("stop");
    }

    private void run(String... arguments) {
        run(Map.of(), arguments);
    }

    private void run(Map<String, String> extraEnvironment, String... arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        Path output = Paths.get("target", "cluster", "cluster.log").toAbsolutePath();
        try {
            Files.createDirectories(output.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("DB_") || name.startsWith("ENTRA_")
                || name.startsWith("SMTP_") || name.startsWith("CUSTODIAN_"));
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        String java = ProcessHandle.current().info().command().orElse("java");
        builder.environment().put("PATH", Paths.get(java).getParent() + ":" + System.getenv("PATH"));
        try {
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                List<String> lines = Files.readAllLines(output);
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
