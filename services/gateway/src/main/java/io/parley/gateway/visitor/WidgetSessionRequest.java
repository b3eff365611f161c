package io.parley.gateway.visitor;

import io.parley.gateway.tenant.PageOrigin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/widget/sessions} (docs/protocol.md, "Visitors"). {@code visitorId} continues a visitor only
 * with proof: {@code resumeSecret} (what this browser was given when the visitor was created), or the tenant's
 * signature, {@code identityHash} or {@code identityToken}. {@code embedOrigin}: the page the widget's chat is
 * embedded in, when the request comes from the chat page this gateway serves ({@link PageOrigin}). {@code deviceId}:
 * the widget loader's tracking id for this browser, as the page says (agents then see the visitor's page trail).
 */
public record WidgetSessionRequest(
        @NotNull(message = WidgetSessionRequest.TENANT) @Pattern(regexp = ID, message = WidgetSessionRequest.TENANT)
        String tenant,
        @Pattern(regexp = ID, message = "'visitorId' must be 1..64 of A-Z a-z 0-9 _ . -") String visitorId,
        @Size(max = 100, message = "'name' must be a string of at most 100 characters") String name,
        @ValidAttributes Map<String, Object> attributes,
        @Size(max = 128, message = "'resumeSecret' must be at most 128 characters") String resumeSecret,
        @Size(max = 128, message = "'identityHash' must be a hex string") String identityHash,
        @Size(max = 4096, message = "'identityToken' must be at most 4096 characters") String identityToken,
        @Valid Routing routing,
        @Size(max = 300, message = WidgetSessionRequest.EMBED)
        @Pattern(regexp = PageOrigin.ORIGIN, message = WidgetSessionRequest.EMBED) String embedOrigin,
        @Pattern(regexp = "[A-Za-z0-9_-]{8,64}", message = "'deviceId' must be 8..64 of A-Z a-z 0-9 _ -") String deviceId) {

    static final String ID = "[A-Za-z0-9_.-]{1,64}";
    static final String EMBED = "'embedOrigin' must be an origin (scheme://host[:port])";
    static final String TENANT = "'tenant' is required: 1..64 of A-Z a-z 0-9 _ . -";

    /** What the conversation the visitor opens asks routing for. */
    public record Routing(
            @Pattern(regexp = ID, message = "'routing.group' must be 1..64 of A-Z a-z 0-9 _ . -") String group,
            @Size(max = 10, message = "'routing.skills' must be an array of at most 10 skills")
            List<@NotNull(message = SKILL) @Pattern(regexp = ID, message = SKILL) String> skills,
            Boolean vip) {
        static final String SKILL = "each of 'routing.skills' must be 1..64 of A-Z a-z 0-9 _ . -";
    }
}
