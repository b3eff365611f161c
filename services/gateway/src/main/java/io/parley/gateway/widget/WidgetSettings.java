package io.parley.gateway.widget;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's widget: its look and its texts (docs/widget.md, "Theming"). Every field is optional; what is missing
 * takes Parley's default ({@link #withDefaults()}). {@code texts} overrides the chat's own texts per locale, by the keys
 * of {@link #TEXT_KEYS} (the chat's dictionary, checked against chat-texts.js by {@code WidgetTextsTest}). The admin API
 * reads it with unknown fields refused; stored copies are read leniently ({@code Json.MAPPER}).
 */
public record WidgetSettings(
        @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "'color' must be #rrggbb") String color,
        @Pattern(regexp = "left|right", message = "'position' must be left or right") String position,
        @Size(max = 60, message = "'title' must be at most 60 characters") String title,
        @Size(max = 500, message = "'avatarUrl' must be at most 500 characters")
        @Pattern(regexp = "https?://[^\\s\"'<>()]+", message = "'avatarUrl' must be an http(s) URL") String avatarUrl,
        @Size(max = 300, message = "'greeting' must be at most 300 characters") String greeting,
        Boolean sound,
        @ValidTexts Map<String, Map<String, String>> texts,
        @Valid PreChat preChat,
        @Min(value = 1, message = MAX_UPLOAD) @Max(value = MAX_UPLOAD_LIMIT, message = MAX_UPLOAD) Integer maxUploadBytes,
        Boolean tracking,
        @Size(max = 10, message = "'invitations' must be an array of at most 10 rules")
        List<@NotNull(message = RULE) @Valid InvitationRule> invitations) {

    /**
     * A proactive invitation (docs/widget.md, "Visitor tracking"): on a page whose URL matches {@code url} (a pattern
     * where {@code *} stands for anything), after {@code seconds} there, for visitors whose attribute matches
     * {@code attribute} ({@code name=value}, optional), the launcher pops {@code message} from the bot or the team.
     */
    public record InvitationRule(
            @NotNull(message = RULE) @Size(min = 1, max = 200, message = RULE) String url,
            @Min(value = 0, message = RULE) @Max(value = 3600, message = RULE) int seconds,
            @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}=.{1,200}", message = RULE) String attribute,
            @NotNull(message = RULE) @ValidLabels Map<String, String> message,
            @Pattern(regexp = "bot|team", message = RULE) String from) {
    }

    static final String RULE = "each of 'invitations' must have a 'url' pattern (1..200 characters), 'seconds' 0..3600,"
            + " an optional 'attribute' name=value, 'message' mapping en or zh-CN to 1..100 characters, and 'from' bot"
            + " or team";

    /** The per-tenant upload limit's default (10 MiB) and ceiling (25 MiB, the gateway's body limit for uploads). */
    public static final int DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024;
    public static final int MAX_UPLOAD_LIMIT = 25 * 1024 * 1024;
    static final String MAX_UPLOAD = "'maxUploadBytes' must be 1.." + MAX_UPLOAD_LIMIT;

    /** The form a visitor fills in before their first message; its values become the visitor's attributes. */
    public record PreChat(boolean enabled,
            @Size(max = 10, message = "'preChat.fields' must be an array of at most 10 fields")
            List<@NotNull(message = FIELD) @Valid Field> fields) {
    }

    /**
     * One field: {@code name} is the attribute it sets ({@code name} also names the visitor); {@code type} text,
     * email or tel; {@code label} per locale (the chat has its own for name, email and phone).
     */
    public record Field(
            @NotNull(message = FIELD) @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_.-]{1,64}",
                    message = FIELD) String name,
            @jakarta.validation.constraints.Pattern(regexp = "text|email|tel", message = FIELD) String type,
            boolean required,
            @ValidLabels Map<String, String> label) {
    }

    static final String FIELD = "each of 'preChat.fields' must have a 'name' (1..64 of A-Z a-z 0-9 _ . -), a 'type'"
            + " of text, email or tel, and 'label' mapping en or zh-CN to 1..100 characters";

    public static final String DEFAULT_COLOR = "#1f4e79";
    public static final Set<String> LOCALES = Set.of("en", "zh-CN");
    /** The chat's texts a tenant may override; the same keys as the dictionaries in assets/chat-texts.js. */
    public static final Set<String> TEXT_KEYS = Set.of(
            "title", "greeting", "placeholder", "send", "close", "connecting", "connected", "reconnecting",
            "agentHere", "agentTyping", "botTyping", "queued", "queuedEta", "offline", "sending", "sent", "read",
            "failed", "you", "bot", "system", "unread", "refused", "identityRefused", "closed", "newMessages",
            "rateTitle", "rateStar", "rateComment", "rateSend", "rateThanks", "contactTitle", "contactEmail",
            "contactSend", "contactThanks", "preTitle", "preName", "preEmail", "prePhone", "preStart", "attach",
            "uploading", "uploadFailed", "fileTooLarge");
    public static final WidgetSettings NONE = new WidgetSettings(null, null, null, null, null, null, null, null, null, null, null);

    /** This tenant's settings with Parley's defaults where it set nothing. */
    public WidgetSettings withDefaults() {
        return new WidgetSettings(color == null ? DEFAULT_COLOR : color, position == null ? "right" : position,
                title, avatarUrl, greeting, sound != null && sound, texts == null ? Map.of() : texts,
                preChat == null ? new PreChat(false, List.of()) : preChat,
                maxUploadBytes == null ? DEFAULT_MAX_UPLOAD : maxUploadBytes, tracking == null || tracking,
                invitations == null ? List.of() : invitations);
    }
}
