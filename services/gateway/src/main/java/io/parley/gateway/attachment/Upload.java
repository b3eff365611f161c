package io.parley.gateway.attachment;

import io.parley.common.rest.ApiException;
import java.util.Locale;

/**
 * An upload checked before anything is stored: its type from the bytes ({@link FileType}), its name cleaned (no path,
 * no control characters, at most {@link #MAX_NAME_CHARS}), and the two agreeing: a name whose extension belongs to
 * another type (a PDF called {@code cat.png}, a program called {@code notes.txt}) is refused as disguised.
 */
public record Upload(String name, FileType type, byte[] bytes) {
    public static final int MAX_NAME_CHARS = 200;

    /**
     * @param rawName the name the client gave (may be null)
     * @param maxBytes the tenant's limit
     * @throws ApiException 400 empty, 413 too large, 415 unsupported or disguised
     */
    public static Upload check(String rawName, byte[] bytes, long maxBytes) {
        if (bytes == null || bytes.length == 0) {
            throw ApiException.badRequest("the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(bytes.length, maxBytes);
        }
        FileType type = FileType.sniff(bytes);
        if (type == null) {
            throw new ApiException(415, "unsupported_type", "only images (PNG, JPEG, GIF, WebP), PDF, ZIP-based"
                    + " documents and plain UTF-8 text are accepted");
        }
        String name = cleanName(rawName);
        String extension = extension(name);
        if (!type.fitsExtension(extension)) {
            if (FileType.ofExtension(extension) == null) {
                throw new ApiException(415, "unsupported_type", "files named ." + extension
                        + " are not accepted (the content is " + type.contentType() + ")");
            }
            throw new ApiException(415, "type_mismatch", "the name says ." + extension + " but the content is "
                    + type.contentType());
        }
        if (name.isEmpty()) {
            name = "file." + type.defaultExtension();
        }
        return new Upload(name, type, bytes);
    }

    public static ApiException tooLarge(long size, long maxBytes) {
        return new ApiException(413, "too_large", "the file has " + size + " bytes; this tenant's limit is "
                + maxBytes + " bytes");
    }

    /** The last path segment, without control or bidi-override characters, trimmed and cut to the limit. */
    static String cleanName(String raw) {
        if (raw == null) {
            return "";
        }
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]", "").strip();
        if (name.equals(".") || name.equals("..")) {
            return "";
        }
        return name.codePointCount(0, name.length()) <= MAX_NAME_CHARS ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_NAME_CHARS));
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
