package io.parley.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** A Parley service started from its packaged jar as its own JVM (prod profile), like in production. */
final class ServiceProcess implements AutoCloseable {
    final String name;
    final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code <repo>/services/<module>/target/quarkus-app/quarkus-run.jar}, waits for /q/health/ready. */
    static ServiceProcess start(Path repo, String module, int port, Map<String, String> env, Path logDir)
            throws Exception {
        Path jar = repo.resolve("services").resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(module + " is not packaged: " + jar);
        }
        File log = logDir.resolve("bench-" + module + ".log").toFile();
        // The services run on the same JDK as the benchmark.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(module, port, builder.start());
        try {
            service.awaitReady();
        } catch (Exception e) {
            service.close();
            throw new IllegalStateException(module + " did not start; see " + log, e);
        }
        return service;
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within 90 s");
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
