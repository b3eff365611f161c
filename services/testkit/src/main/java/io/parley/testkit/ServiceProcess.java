package io.parley.testkit;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A Parley service started from its packaged jar as a separate JVM, as in production (prod profile): the
 * multi-process tests and the benchmarks run the real services this way. Configuration comes from {@code env}.
 */
public final class ServiceProcess implements AutoCloseable {
    public final String name;
    public final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * From a module's tests (working directory {@code services/<x>}): {@code ../<module>}'s jar, built earlier in
     * the reactor; 256 MB heap; log in {@code target/<name>.log}; ready within 60 s.
     */
    public static ServiceProcess startModule(String name, String module, int port, Map<String, String> env)
            throws Exception {
        return start(name, Path.of("..", module), port, env, Path.of("target", name + ".log"), 256,
                Duration.ofSeconds(60));
    }

    /**
     * Starts {@code <moduleDir>/target/quarkus-app/quarkus-run.jar} on the JDK running the caller and waits for
     * {@code /q/health/ready}.
     */
    public static ServiceProcess start(String name, Path moduleDir, int port, Map<String, String> env, Path log,
            int heapMb, Duration readyWithin) throws Exception {
        Path jar = moduleDir.resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(name + ": " + jar + " is not packaged (build the whole reactor)");
        }
        File logFile = log.toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(logFile);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(name, port, builder.start());
        try {
            service.awaitReady(readyWithin);
        } catch (Exception e) {
            service.close();
            throw new IllegalStateException(name + " did not start; see " + logFile, e);
        }
        return service;
    }

    private void awaitReady(Duration within) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + within.toSeconds() + " s");
    }

    /** The process's peak resident memory in MB (Linux {@code VmHWM}), or -1 where /proc cannot tell. */
    public long peakRssMb() {
        return procStatusMb("VmHWM:");
    }

    /** The process's resident memory now in MB (Linux {@code VmRSS}), or -1 where /proc cannot tell. */
    public long rssMb() {
        return procStatusMb("VmRSS:");
    }

    /** CPU time the process has used so far in seconds (Linux utime + stime), or -1 where /proc cannot tell. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long procStatusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** SIGTERM, as Kubernetes stops a pod; returns at once (the process shuts down gracefully meanwhile). */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code, or -1 when it is still running after {@code within}. */
    public int awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** kill -9: no shutdown hooks, no flush, sockets dropped without a close frame. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
