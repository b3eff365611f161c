package io.parley.gateway.socket;

import io.parley.common.wire.ClientFrame;
import io.parley.common.wire.ErrorCode;
import io.parley.common.wire.FrameParser;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.command.CommandGateway;
import io.parley.gateway.command.SendHandler;
import io.parley.gateway.delivery.EphemeralEvents;
import io.parley.gateway.presence.PresenceReporter;
import io.parley.gateway.session.ConversationAccess;
import io.parley.gateway.session.Session;
import io.parley.gateway.session.SessionRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What both socket endpoints (and the fallback transport's POSTs) do with a client frame: refuse an oversized one
 * (a socket is closed with 1009), parse it once ({@link FrameParser} enforces every limit), answer bad input and keep
 * the session, and hand each frame type to the part that handles it.
 */
@ApplicationScoped
public class FrameHandler {
    /** Frames above this many bytes close the socket with 1009 (docs/protocol.md). */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private final SessionRegistry sessions;
    private final SendHandler sends;
    private final CommandGateway commands;
    private final EphemeralEvents ephemeral;
    private final PresenceReporter presence;
    private final ConversationAccess access;

    public FrameHandler(SessionRegistry sessions, SendHandler sends, CommandGateway commands,
            EphemeralEvents ephemeral, PresenceReporter presence, ConversationAccess access) {
        this.sessions = sessions;
        this.sends = sends;
        this.commands = commands;
        this.ephemeral = ephemeral;
        this.presence = presence;
        this.access = access;
    }

    void onText(WebSocketConnection connection, String text) {
        if (tooLarge(text)) {
            new SocketLink(connection).close(1009, "frame over 64 KiB");
            return;
        }
        Session session = sessions.of(connection.id());
        if (session == null) {
            return; // not open yet, or closing
        }
        handle(session, text);
    }

    /** Over {@link #MAX_FRAME_BYTES} in UTF-8. */
    public static boolean tooLarge(String text) {
        // UTF-8 needs at most 3 bytes per UTF-16 unit, so only long texts need counting.
        return text.length() * 3 > MAX_FRAME_BYTES && text.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES;
    }

    /** One client frame of an open session, at most {@link #MAX_FRAME_BYTES}. */
    public void handle(Session session, String text) {
        FrameParser.Result result = FrameParser.parse(text);
        if (result.error() != null) {
            session.write(result.error());
            return;
        }
        ClientFrame frame = result.frame();
        if (!(frame instanceof ClientFrame.Resume)) {
            session.releaseHeld(Set.of()); // a client that acts without resuming will not resume
        }
        switch (frame) {
            case ClientFrame.Send send -> sends.send(session, send);
            case ClientFrame.Resume resume -> resume(session, resume);
            case ClientFrame.Typing typing -> ephemeral.typing(session, typing.conversationId(), typing.on());
            case ClientFrame.Read read -> ephemeral.read(session, read.conversationId(), read.seq());
            case ClientFrame.Ping ping -> session.write(new ServerFrame.Pong(ping.t()));
            case ClientFrame.Action action -> commands.act(session, action);
            case ClientFrame.Presence state -> presence.presence(session, state.away());
        }
    }

    /** Replays each named conversation after the seq the client has; those it did not name, it has nothing of. */
    private void resume(Session session, ClientFrame.Resume resume) {
        session.releaseHeld(resume.conversations().keySet());
        resume.conversations().forEach((conversation, lastSeq) -> access.mayUse(session, conversation).subscribe()
                .with(ok -> {
                    if (ok) {
                        session.cursor(conversation, lastSeq).resumeFrom(lastSeq);
                    } else {
                        session.write(new ServerFrame.Error(ErrorCode.NOT_FOUND, "no such conversation: " + conversation,
                                null));
                    }
                }, failure -> session.write(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "storage unavailable", null))));
    }

    void pong(WebSocketConnection connection) {
        Session session = sessions.of(connection.id());
        if (session != null) {
            session.pong();
        }
    }
}
