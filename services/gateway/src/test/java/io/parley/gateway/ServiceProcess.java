package io.parley.gateway;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** A Parley service started from its packaged jar as a separate JVM, as in production (prod profile). */
final class ServiceProcess implements AutoCloseable {
    final String name;
    final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code services/<module>/target/quarkus-app/quarkus-run.jar} and waits for /q/health/ready. */
    static ServiceProcess start(String name, String module, int port, Map<String, String> env) throws Exception {
        Path jar = Path.of("..", module, "target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(module + " is not packaged: " + jar + " (build the whole reactor)");
        }
        File log = Path.of("target", name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(name, port, builder.start());
        try {
            service.awaitReady();
        } catch (Exception e) {
            service.close();
            throw new IllegalStateException(name + " did not start; see " + log, e);
        }
        return service;
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        long deadline = System.currentTimeMillis() + 60_000;
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
        throw new IllegalStateException(name + " not ready within 60 s");
    }

    /** kill -9: no shutdown hooks, no flush, sockets dropped without a close frame. */
    void kill() throws InterruptedException {
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
