package com.custodian.testsupport;

import java.time.Duration;

/** CPU time used so far, for benchmarks that say whose work a figure is: this JVM's and the MariaDB server's. */
public final class CpuTime {

    private CpuTime() {
    }

    /** This JVM's CPU time, in ms. */
    public static long jvmMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /** The CPU time of the MariaDB server on this machine, in ms; zero when it runs elsewhere. */
    public static long mariadbMillis() {
        return ProcessHandle.allProcesses().filter(process -> process.info().command().orElse("").endsWith("/mariadbd"))
                .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
    }
}
