package io.parley.gateway;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;

/**
 * A redis-server owned by one test, on its own port, so the test can kill and restart it without touching the
 * Redis other tests and local runs share. Like the shared one it keeps nothing on disk: a restart empties it.
 */
public final class PrivateRedis implements AutoCloseable {
    public final int port;
    private Process process;

    public PrivateRedis(int port) throws Exception {
        this.port = port;
        start();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void start() throws Exception {
        File log = Path.of("target", "private-redis-" + port + ".log").toFile();
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited; see " + log);
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server not listening on " + port + "; see " + log);
    }

    /** SIGKILL: connections drop without a goodbye, every key and subscription is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
