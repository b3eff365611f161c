package io.parley.gateway.attachment;

import io.parley.common.Ids;
import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attachments in PostgreSQL (V20): a row per attachment and its bytes in 256 KiB chunks, written in one transaction
 * so a failed upload leaves nothing behind. Chunks keep each row small for the reactive client's buffers and let a
 * later change stream them.
 */
@ApplicationScoped
public class PgAttachmentStore implements AttachmentStore {
    static final int CHUNK_BYTES = 256 * 1024;
    private static final String COLUMNS = "id, tenant_id, uploader_kind, uploader_id, conversation_id, name, file_type,"
            + " size";

    /** Thrown inside a transaction to roll it back when a message names an attachment it may not carry. */
    private static final class NotBindable extends RuntimeException {
        NotBindable() {
            super(null, null, false, false);
        }
    }

    private final Pool pool;

    public PgAttachmentStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<StoredAttachment> save(String tenant, Participant uploader, Upload upload) {
        StoredAttachment stored = new StoredAttachment(Ids.uuidV7(), tenant, uploader.kind().wire(), uploader.id(),
                null, upload.name(), upload.type(), upload.bytes().length);
        List<Tuple> chunks = new ArrayList<>();
        byte[] bytes = upload.bytes();
        for (int offset = 0, idx = 0; offset < bytes.length; offset += CHUNK_BYTES, idx++) {
            byte[] chunk = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + CHUNK_BYTES));
            chunks.add(Tuple.tuple().addString(stored.id()).addInteger(idx).addBuffer(Buffer.buffer(chunk)));
        }
        return pool.withTransaction(conn -> conn.preparedQuery("""
                INSERT INTO attachment (id, tenant_id, uploader_kind, uploader_id, name, file_type, size)
                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(List.of(stored.id(), tenant, stored.uploaderKind(), stored.uploaderId(),
                        stored.name(), stored.type().name(), stored.size())))
                .chain(() -> conn.preparedQuery("INSERT INTO attachment_chunk (attachment_id, idx, data)"
                        + " VALUES ($1, $2, $3)").executeBatch(chunks)))
                .replaceWith(stored);
    }

    @Override
    public Uni<StoredAttachment> find(String tenant, String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM attachment WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    @Override
    public Uni<byte[]> content(String id) {
        return pool.preparedQuery("SELECT data FROM attachment_chunk WHERE attachment_id = $1 ORDER BY idx")
                .execute(Tuple.of(id))
                .map(rows -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    for (Row row : rows) {
                        out.writeBytes(row.getBuffer("data").getBytes());
                    }
                    return out.toByteArray();
                });
    }

    @Override
    public Uni<List<MessagePart>> bind(String tenant, Participant uploader, String conversationId, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE attachment SET conversation_id = $3"
                + " WHERE tenant_id = $1 AND id = ANY($2) AND uploader_kind = $4 AND uploader_id = $5"
                + " AND (conversation_id IS NULL OR conversation_id = $3) RETURNING " + COLUMNS)
                .execute(Tuple.of(tenant, ids.toArray(String[]::new), conversationId, uploader.kind().wire(),
                        uploader.id()))
                .map(rows -> {
                    if (rows.size() != ids.size()) {
                        throw new NotBindable(); // rolls back the ones that did match
                    }
                    Map<String, MessagePart> byId = new HashMap<>();
                    rows.forEach(row -> byId.put(row.getString("id"), read(row).part()));
                    return ids.stream().map(byId::get).toList();
                }))
                .onFailure(NotBindable.class).recoverWithNull();
    }

    @Override
    public Uni<Integer> deleteUnsent(OffsetDateTime cutoff) {
        return pool.preparedQuery("DELETE FROM attachment WHERE conversation_id IS NULL AND created_at < $1")
                .execute(Tuple.of(cutoff)).map(rows -> rows.rowCount()); // chunks go with them (ON DELETE CASCADE)
    }

    private static StoredAttachment read(Row row) {
        return new StoredAttachment(row.getString("id"), row.getString("tenant_id"), row.getString("uploader_kind"),
                row.getString("uploader_id"), row.getString("conversation_id"), row.getString("name"),
                FileType.valueOf(row.getString("file_type")), row.getLong("size"));
    }
}
