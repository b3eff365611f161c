package io.parley.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.model.Handoff;
import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;
import java.util.List;

/**
 * A send accepted by a gateway, on {@link io.parley.common.Topics#INBOUND} keyed by conversation id.
 *
 * @param newConversation true when a visitor's send opens the conversation (routing creates it)
 * @param gatewayId       the gateway whose socket sent it, for diagnostics
 * @param receivedAt      epoch ms when the gateway read the frame; start of the delivery latency clock
 * @param routing         on a send that opens a conversation: what routing should look for (else null)
 * @param handoff         on a bot's send: the bot hands the conversation to the team once this message is
 *                        stored (else null)
 * @param parts           the attachments it carries, already bound to the conversation by the gateway (empty when
 *                        none; absent from the JSON then)
 */
public record InboundMessage(String tenant, String conversationId, boolean newConversation, Participant sender,
        String clientMsgId, String text, String gatewayId, long receivedAt, RoutingHints routing, Handoff handoff,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MessagePart> parts) {

    public InboundMessage {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public InboundMessage(String tenant, String conversationId, boolean newConversation, Participant sender,
            String clientMsgId, String text, String gatewayId, long receivedAt, RoutingHints routing, Handoff handoff) {
        this(tenant, conversationId, newConversation, sender, clientMsgId, text, gatewayId, receivedAt, routing,
                handoff, List.of());
    }

    public InboundMessage(String tenant, String conversationId, boolean newConversation, Participant sender,
            String clientMsgId, String text, String gatewayId, long receivedAt, RoutingHints routing) {
        this(tenant, conversationId, newConversation, sender, clientMsgId, text, gatewayId, receivedAt, routing, null);
    }

    public InboundMessage(String tenant, String conversationId, boolean newConversation, Participant sender,
            String clientMsgId, String text, String gatewayId, long receivedAt) {
        this(tenant, conversationId, newConversation, sender, clientMsgId, text, gatewayId, receivedAt, null);
    }
}
