package io.parley.common.event;

import io.parley.common.model.Participant;

/**
 * A message stored by routing with its per-conversation sequence number. Published on
 * {@link io.parley.common.Topics#MESSAGES} and to the participants' Redis channels.
 *
 * @param ts         epoch ms when routing stored it
 * @param receivedAt epoch ms when the sending gateway read it (carried for latency metrics)
 */
public record SequencedMessage(String tenant, String conversationId, String id, long seq, String clientMsgId,
        Participant sender, String text, long ts, long receivedAt) {
}
