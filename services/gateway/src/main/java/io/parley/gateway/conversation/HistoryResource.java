package io.parley.gateway.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.event.SequencedMessage;
import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import io.parley.common.rest.ApiError;
import io.parley.common.rest.ApiException;
import io.parley.gateway.tenant.AgentClaims;
import io.parley.gateway.visitor.VisitorTokens;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Conversation history: visitors read their own conversations, agents those of their tenant. */
@Path("/api/v1/conversations/{id}/messages")
@Tag(name = "conversations")
public class HistoryResource {
    static final int MAX_LIMIT = 500;

    /** A message as in the {@code message} frame, without {@code type} ({@code parts} absent when none). */
    public record HistoryMessage(String conversationId, String id, long seq, String clientMsgId, Participant sender,
            String text, long ts, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MessagePart> parts) {
        static HistoryMessage of(SequencedMessage m) {
            return new HistoryMessage(m.conversationId(), m.id(), m.seq(), m.clientMsgId(), m.sender(), m.text(),
                    m.ts(), m.parts());
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
    @Operation(summary = "A conversation's messages, oldest first (visitor token or agent token): the first 'limit' after"
            + " afterSeq, or with beforeSeq the last 'limit' before it (paging backwards), within afterSeq if given")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = History.class)))
    @APIResponse(responseCode = "400", description = "afterSeq, beforeSeq or limit out of range",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "no such conversation for this reader",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Uni<History> list(@PathParam("id") String id, @QueryParam("afterSeq") String afterSeqParam,
            @QueryParam("beforeSeq") String beforeSeqParam, @QueryParam("limit") String limitParam,
            @HeaderParam("Authorization") String authorization) {
        long afterSeq;
        Long beforeSeq;
        int limit;
        try {
            afterSeq = afterSeqParam == null ? 0 : Long.parseLong(afterSeqParam);
            beforeSeq = beforeSeqParam == null ? null : Long.parseLong(beforeSeqParam);
            limit = limitParam == null ? 100 : Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("afterSeq, beforeSeq and limit must be integers");
        }
        if (afterSeq < 0 || limit < 1 || limit > MAX_LIMIT || (beforeSeq != null && beforeSeq < 1)) {
            throw ApiException.badRequest("afterSeq must be >= 0, beforeSeq >= 1 and limit 1.." + MAX_LIMIT);
        }
        return reader(authorization)
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("a valid bearer token is required"))
                .chain(reader -> conversations.find(id).chain(view -> {
                    boolean visible = view != null && view.tenant().equals(reader.tenant())
                            && (reader.visitorId() == null || reader.visitorId().equals(view.visitorId()));
                    if (!visible) { // other tenants' and other visitors' conversations look absent
                        return Uni.createFrom().failure(ApiException.notFound("no such conversation"));
                    }
                    var page = beforeSeq == null ? conversations.messagesAfter(id, afterSeq, limit)
                            : conversations.messagesBefore(id, afterSeq, beforeSeq, limit);
                    return page.map(messages -> new History(id,
                            messages.stream().map(HistoryMessage::of).toList(), view.lastSeq()));
                }));
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
