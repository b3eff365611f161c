package io.parley.gateway.attachment;

import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where attachments live. The shipped implementation keeps them in PostgreSQL ({@link PgAttachmentStore}); another
 * (an object store) would implement the same calls. Every call names the tenant, so no tenant reads another's.
 */
public interface AttachmentStore {

    /** Stores the upload whole or not at all; its id is new. */
    Uni<StoredAttachment> save(String tenant, Participant uploader, Upload upload);

    /** The attachment's description, or null when the tenant has none of that id. */
    Uni<StoredAttachment> find(String tenant, String id);

    /** Its bytes, in order. */
    Uni<byte[]> content(String id);

    /**
     * Ties the uploader's attachments to the conversation a message of theirs is sent in, and describes them as that
     * message's parts (in the order named). Idempotent for a resend; null when one of them is not the uploader's, or
     * already belongs to another conversation.
     */
    Uni<List<MessagePart>> bind(String tenant, Participant uploader, String conversationId, List<String> ids);

    /** Deletes uploads no message carried that are older than {@code cutoff}; how many. */
    Uni<Integer> deleteUnsent(OffsetDateTime cutoff);
}
