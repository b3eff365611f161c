package io.parley.gateway.command;

import io.parley.common.Ids;
import io.parley.common.RedisKeys;
import io.parley.common.event.CommandResult;
import io.parley.common.event.ConversationCommand;
import io.parley.common.wire.ClientFrame;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.config.GatewayConfig;
import io.parley.gateway.delivery.ParticipantChannels;
import io.parley.gateway.session.AckTracker;
import io.parley.gateway.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Agents' actions on conversations, from an {@code action} frame or the actions REST API, as
 * {@link ConversationCommand}s on the commands topic. Routing answers on the actor's Redis channel: a socket's
 * answer reaches it like any channel event (its {@code PendingReplies} know the ref); a REST caller's is matched
 * here by ref ({@link #answered}).
 */
@ApplicationScoped
public class CommandGateway {
    /** This process, named in commands and messages for diagnostics. */
    private final String gatewayId = "gw-" + Ids.uuidV7().substring(24);
    private final InboundPublisher publisher;
    private final ParticipantChannels channels;
    private final AckTracker acks;
    private final Duration timeout;
    /** Results awaited by REST calls, by ref. */
    private final Map<String, Consumer<CommandResult>> restWaiters = new ConcurrentHashMap<>();

    public CommandGateway(InboundPublisher publisher, ParticipantChannels channels, AckTracker acks,
            GatewayConfig config) {
        this.publisher = publisher;
        this.channels = channels;
        this.acks = acks;
        this.timeout = config.ackTimeout();
    }

    public String gatewayId() {
        return gatewayId;
    }

    /** An {@code action} frame. The tenant check is routing's (another tenant's conversation is not_found). */
    public void act(Session session, ClientFrame.Action action) {
        if (!session.isAgent()) {
            session.write(new ServerFrame.Error(ErrorCode.FORBIDDEN, "only agents can act on conversations",
                    action.ref()));
            return;
        }
        if (!session.takeToken()) {
            session.write(new ServerFrame.Error(ErrorCode.RATE_LIMITED, "too many requests; slow down", action.ref()));
            return;
        }
        session.pending().expectResult(action.ref(), acks.deadline());
        publisher.publish(new ConversationCommand(session.tenant(), action.conversationId(), session.me(),
                session.supervisor(), action.action(), action.toAgent(), action.toGroup(), action.note(), action.ref(),
                gatewayId, System.currentTimeMillis()))
                .subscribe().with(x -> {
                }, failure -> {
                    if (session.pending().resultArrived(action.ref())) {
                        session.write(new ServerFrame.Error(ErrorCode.UNAVAILABLE,
                                "action could not be recorded; retry", action.ref()));
                    }
                });
    }

    /**
     * Applies an action for a REST caller: listens on the actor's channel, publishes the command, and completes
     * with routing's result, or fails with {@link java.util.concurrent.TimeoutException} after the ack timeout.
     */
    public Uni<CommandResult> act(ConversationCommand command) {
        String channel = RedisKeys.participantChannel(command.tenant(), command.actor().kind(), command.actor().id());
        return Uni.createFrom().deferred(() -> {
            // waiting before publishing: routing may answer before the publish is confirmed
            CompletableFuture<CommandResult> answer = new CompletableFuture<>();
            restWaiters.put(command.ref(), answer::complete);
            return channels.subscribe(channel)
                    .chain(() -> publisher.publish(command))
                    .chain(() -> Uni.createFrom().completionStage(answer).ifNoItem().after(timeout).fail())
                    .eventually(() -> {
                        restWaiters.remove(command.ref());
                        channels.release(channel);
                    });
        });
    }

    /** True when {@code result} answers a REST caller waiting here (then it is theirs alone). */
    public boolean answered(CommandResult result) {
        Consumer<CommandResult> waiter = restWaiters.remove(result.ref());
        if (waiter == null) {
            return false;
        }
        waiter.accept(result);
        return true;
    }
}
