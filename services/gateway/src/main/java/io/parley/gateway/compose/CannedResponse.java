package io.parley.gateway.compose;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reply an agent inserts with {@code /shortcut}: the tenant's ({@code personal} false) or the agent's own. The
 * body may hold variables the console fills in ({@code {{visitor.name}}}, docs/console.md).
 */
public record CannedResponse(long id, String shortcut, String body, boolean personal, String updatedBy,
        OffsetDateTime updatedAt) {

    /** The list the console loads: the tenant's and the caller's own. */
    @Schema(name = "CannedResponseListing")
    public record Listing(List<CannedResponse> cannedResponses) {
    }

    /** A new or changed response; {@code personal} only when creating (true, the default: the caller's own). */
    @Schema(name = "CannedResponseRequest")
    public record Request(
            @NotNull(message = SHORTCUT_RULE) @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}", message = SHORTCUT_RULE)
            String shortcut,
            @NotNull(message = BODY_RULE) @Size(min = 1, max = 4000, message = BODY_RULE)
            @Pattern(regexp = "(?s).*\\S.*", message = BODY_RULE) String body,
            Boolean personal) {
    }

    static final String SHORTCUT_RULE = "'shortcut' is required: 1..32 of a-z 0-9 _ - (starting with a letter or digit)";
    static final String BODY_RULE = "'body' is required: 1..4000 characters, not blank";
}
