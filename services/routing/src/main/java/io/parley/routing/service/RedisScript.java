package io.parley.routing.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * A Lua script called by its SHA-1 ({@code EVALSHA}), for the scripts on the decision path: a call then carries
 * about forty bytes instead of the script, and Redis skips hashing it. When Redis does not know the script (first
 * use, or after a restart or {@code SCRIPT FLUSH}), the call is repeated once with {@code EVAL}, which loads it.
 */
public final class RedisScript {
    private final String source;
    private final String sha1;

    public RedisScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** Runs the script; {@code args} adds the key count, keys and arguments to the command. */
    public Uni<Response> run(Redis redis, UnaryOperator<Request> args) {
        return redis.send(args.apply(Request.cmd(Command.EVALSHA).arg(sha1)))
                .onFailure(RedisScript::unknownScript)
                .recoverWithUni(() -> redis.send(args.apply(Request.cmd(Command.EVAL).arg(source))));
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    public String source() {
        return source;
    }
}
