package io.parley.routing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.parley.routing.TestStores;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Decision replies arrive on the decision loop's own thread (not on one of Quarkus' loops), and what follows
 * the decisions continues on the caller's context, so PostgreSQL writes and fan-out never run on that thread.
 */
@QuarkusTest
@WithTestResource(value = TestStores.class, scope = TestResourceScope.GLOBAL)
class DecisionLoopTest {
    @Inject
    DecisionLoop loop;
    @Inject
    Vertx vertx;

    record Threads(Thread caller, Thread reply, Thread continuation) {
    }

    @Test
    void repliesArriveOnTheDecisionLoopAndTheCallerContinuesOnItsOwnContext() throws Exception {
        CompletableFuture<Threads> seen = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            Thread caller = Thread.currentThread();
            DecisionLoop.backToCaller(loop.redis().send(Request.cmd(Command.PING)).map(pong -> Thread.currentThread()))
                    .subscribe().with(reply -> seen.complete(new Threads(caller, reply, Thread.currentThread())),
                            seen::completeExceptionally);
        });
        Threads threads = seen.get(10, TimeUnit.SECONDS);
        assertNotSame(threads.caller(), threads.reply());
        assertEquals(DecisionLoop.THREAD_NAME, threads.reply().getName());
        assertSame(threads.caller(), threads.continuation());
    }

    @Test
    void withoutACallerContextTheResultIsPassedOnAsItIs() {
        String pong = DecisionLoop.backToCaller(loop.redis().send(Request.cmd(Command.PING)))
                .map(Object::toString).await().atMost(Duration.ofSeconds(10));
        assertEquals("PONG", pong);
    }
}
