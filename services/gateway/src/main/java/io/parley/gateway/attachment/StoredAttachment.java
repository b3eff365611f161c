package io.parley.gateway.attachment;

import io.parley.common.model.MessagePart;

/**
 * An attachment's description as stored (its bytes are kept apart, in chunks). {@code conversationId} is null until a
 * message carries it; until then only its uploader may read it.
 */
public record StoredAttachment(String id, String tenant, String uploaderKind, String uploaderId,
        String conversationId, String name, FileType type, long size) {

    public MessagePart part() {
        return new MessagePart(type.part(), id, name, type.contentType(), size);
    }
}
