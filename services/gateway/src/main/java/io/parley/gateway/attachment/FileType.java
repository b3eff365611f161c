package io.parley.gateway.attachment;

import io.parley.common.model.MessagePart;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The kinds of file Parley accepts, told apart by their first bytes (never by the name or the declared type). Only
 * the four image formats every browser decodes safely are served inline; the rest download (docs/protocol.md,
 * "Attachments"). Plain text is recognised by being valid UTF-8 without control bytes, so HTML or SVG are text too:
 * they are accepted only under a text name (.txt, .csv, ...) and always served as a download.
 */
public enum FileType {
    PNG("image/png", true, List.of("png")),
    JPEG("image/jpeg", true, List.of("jpg", "jpeg", "jfif")),
    GIF("image/gif", true, List.of("gif")),
    WEBP("image/webp", true, List.of("webp")),
    PDF("application/pdf", false, List.of("pdf")),
    ZIP("application/zip", false, List.of("zip", "docx", "xlsx", "pptx", "odt", "ods", "odp")),
    TEXT("text/plain; charset=utf-8", false, List.of("txt", "csv", "log", "md", "json"));

    private final String contentType;
    private final boolean safeImage;
    private final List<String> extensions;

    FileType(String contentType, boolean safeImage, List<String> extensions) {
        this.contentType = contentType;
        this.safeImage = safeImage;
        this.extensions = extensions;
    }

    public String contentType() {
        return contentType;
    }

    /** Shown inline by browsers (thumbnails); everything else is served with {@code Content-Disposition: attachment}. */
    public boolean safeImage() {
        return safeImage;
    }

    public String part() {
        return safeImage ? MessagePart.IMAGE : MessagePart.FILE;
    }

    /** Whether a file of this type may carry this (lower-case) extension; a name without one always may. */
    public boolean fitsExtension(String extension) {
        return extension.isEmpty() || extensions.contains(extension);
    }

    public String defaultExtension() {
        return extensions.get(0);
    }

    /** What the bytes are, or null when Parley does not accept them. */
    public static FileType sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return GIF;
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (startsWith(bytes, 0, '%', 'P', 'D', 'F', '-')) {
            return PDF;
        }
        if (startsWith(bytes, 0, 'P', 'K', 0x03, 0x04)) {
            return ZIP;
        }
        return isPlainText(bytes) ? TEXT : null;
    }

    /** Which type a (lower-case) extension belongs to, or null for one Parley does not know. */
    public static FileType ofExtension(String extension) {
        return Arrays.stream(values()).filter(t -> t.extensions.contains(extension)).findFirst().orElse(null);
    }

    private static boolean startsWith(byte[] bytes, int offset, int... magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 throughout, and no control byte but tab, line feed, carriage return and form feed. */
    private static boolean isPlainText(byte[] bytes) {
        for (byte b : bytes) {
            if ((b & 0xFF) < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
