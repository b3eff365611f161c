package io.parley.common.event;

import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;

/**
 * A send accepted by a gateway, on {@link io.parley.common.Topics#INBOUND} keyed by conversation id.
 *
 * @param newConversation true when a visitor's send opens the conversation (routing creates it)
 * @param gatewayId       the gateway whose socket sent it, for diagnostics
 * @param receivedAt      epoch ms when the gateway read the frame; start of the delivery latency clock
 * @param routing         on a send that opens a conversation: what routing should look for (else null)
 * @param handoff         on a bot's send: the bot hands the conversation to the team once this message is
 *                        stored (else null)
 */
public record InboundMessage(String tenant, String conversationId, boolean newConversation, Participant sender,
        String clientMsgId, String text, String gatewayId, long receivedAt, RoutingHints routing, Handoff handoff) {

    public InboundMessage(String tenant, String conversationId, boolean newConversation, Participant sender,
            String clientMsgId, String text, String gatewayId, long receivedAt, RoutingHints routing) {
        this(tenant, conversationId, newConversation, sender, clientMsgId, text, gatewayId, receivedAt, routing, null);
    }

    public InboundMessage(String tenant, String conversationId, boolean newConversation, Participant sender,
            String clientMsgId, String text, String gatewayId, long receivedAt) {
        this(tenant, conversationId, newConversation, sender, clientMsgId, text, gatewayId, receivedAt, null);
    }
}
