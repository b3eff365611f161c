package io.parley.gateway.conversation;

import io.parley.gateway.rest.ApiError;
import io.parley.common.event.SequencedMessage;
import io.parley.common.model.Participant;
import io.parley.gateway.visitor.VisitorTokens;
import io.parley.gateway.tenant.AgentClaims;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Conversation history: visitors read their own conversations, agents those of their tenant. */
@Path("/api/v1/conversations/{id}/messages")
public class HistoryResource {
    static final int MAX_LIMIT = 500;

    /** A message as in the {@code message} frame, without {@code type}. */
    public record HistoryMessage(String conversationId, String id, long seq, String clientMsgId, Participant sender,
            String text, long ts) {
        static HistoryMessage of(SequencedMessage m) {
            return new HistoryMessage(m.conversationId(), m.id(), m.seq(), m.clientMsgId(), m.sender(), m.text(),
                    m.ts());
        }
    }

    public record History(String conversationId, List<HistoryMessage> messages, long lastSeq) {
    }

    /** Who asks: tenant plus, for visitors, their id (agents may read the whole tenant). */
    private record Reader(String tenant, String visitorId) {
    }

    private final ConversationDirectory conversations;
    private final VisitorTokens tokens;
    private final CurrentIdentityAssociation identities;

    public HistoryResource(ConversationDirectory conversations, VisitorTokens tokens,
            CurrentIdentityAssociation identities) {
        this.conversations = conversations;
        this.tokens = tokens;
        this.identities = identities;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> list(@PathParam("id") String id, @QueryParam("afterSeq") String afterSeqParam,
            @QueryParam("limit") String limitParam, @HeaderParam("Authorization") String authorization) {
        long afterSeq;
        int limit;
        try {
            afterSeq = afterSeqParam == null ? 0 : Long.parseLong(afterSeqParam);
            limit = limitParam == null ? 100 : Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            return ApiError.uni(400, "bad_request", "afterSeq and limit must be integers");
        }
        if (afterSeq < 0 || limit < 1 || limit > MAX_LIMIT) {
            return ApiError.uni(400, "bad_request",
                    "afterSeq must be >= 0 and limit 1.." + MAX_LIMIT);
        }
        return reader(authorization).chain(reader -> {
            if (reader == null) {
                return ApiError.uni(401, "unauthorized", "a valid bearer token is required");
            }
            return conversations.find(id).chain(view -> {
                boolean visible = view != null && view.tenant().equals(reader.tenant())
                        && (reader.visitorId() == null || reader.visitorId().equals(view.visitorId()));
                if (!visible) { // other tenants' and other visitors' conversations look absent
                    return ApiError.uni(404, "not_found", "no such conversation");
                }
                return conversations.messagesAfter(id, afterSeq, limit).map(messages -> Response.ok(new History(id,
                        messages.stream().map(HistoryMessage::of).toList(), view.lastSeq())).build());
            });
        });
    }

    private Uni<Reader> reader(String authorization) {
        String token = VisitorTokens.bearer(authorization);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        if (VisitorTokens.looksLikeVisitorToken(token)) {
            var claims = tokens.verify(token, Instant.now());
            return Uni.createFrom().item(claims == null ? null : new Reader(claims.tenant(), claims.visitorId()));
        }
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() || !identity.hasRole("agent") ? null
                        : tenantReader(AgentClaims.tenant(identity)))
                .onFailure().recoverWithNull();
    }

    private static Reader tenantReader(String tenant) {
        return tenant == null ? null : new Reader(tenant, null);
    }
}
