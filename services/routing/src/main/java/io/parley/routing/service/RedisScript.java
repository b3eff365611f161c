package io.parley.routing.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A Lua script from {@code src/main/resources/lua/}, always called by its SHA-1 ({@code EVALSHA}): a call carries
 * about forty bytes instead of the script, and Redis skips hashing it. When Redis does not know the script (first
 * use, or after a restart or {@code SCRIPT FLUSH}), it is loaded and the call repeated once.
 */
public final class RedisScript {
    private final String source;
    private final String sha1;

    RedisScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** The named files under {@code lua/}, joined in order (a shared prelude first, then the script). */
    public static RedisScript load(String... files) {
        StringBuilder source = new StringBuilder();
        for (String file : files) {
            try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream("lua/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing script lua/" + file);
                }
                source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RedisScript(source.toString());
    }

    /** Runs the script; {@code args} adds the key count, keys and arguments to the command. */
    public Uni<Response> run(Redis redis, UnaryOperator<Request> args) {
        return redis.send(args.apply(Request.cmd(Command.EVALSHA).arg(sha1)))
                .onFailure(RedisScript::unknownScript)
                .recoverWithUni(() -> redis.send(args.apply(Request.cmd(Command.EVAL).arg(source))));
    }

    /**
     * Runs the script once per argument list, pipelined. A pipeline stops at no error, so a script Redis does not
     * know is loaded and the whole pipeline sent again: only for scripts that may run twice (idempotent ones).
     */
    public Uni<List<Response>> batch(Redis redis, List<UnaryOperator<Request>> calls) {
        if (calls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Uni<List<Response>> send = Uni.createFrom().deferred(() -> redis.batch(
                calls.stream().map(args -> args.apply(Request.cmd(Command.EVALSHA).arg(sha1))).toList()));
        return send.onFailure(RedisScript::unknownScript)
                .recoverWithUni(() -> redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(source)).chain(() -> send));
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("NOSCRIPT");
    }

    public String source() {
        return source;
    }
}
