package io.parley.gateway.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.common.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What an upload is, decided from its bytes; and the names that would disguise it. */
class UploadTest {
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void theBytesDecideTheType() {
        assertEquals(FileType.PNG, FileType.sniff(PNG));
        assertEquals(FileType.JPEG, FileType.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10)));
        assertEquals(FileType.GIF, FileType.sniff("GIF89a....".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(FileType.WEBP, FileType.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(FileType.PDF, FileType.sniff(PDF));
        assertEquals(FileType.ZIP, FileType.sniff(bytes('P', 'K', 3, 4, 20, 0)));
        assertEquals(FileType.TEXT, FileType.sniff("订单号 A-1\tok\r\n".getBytes(StandardCharsets.UTF_8)));
        assertNull(FileType.sniff(bytes('M', 'Z', 0x90, 0, 3, 0)), "a Windows program");
        assertNull(FileType.sniff(bytes(0x7F, 'E', 'L', 'F', 2, 1)), "a Linux program");
        assertNull(FileType.sniff(bytes('a', 0xC3, 0x28)), "not UTF-8");
        assertNull(FileType.sniff("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII)), "audio is not WebP");
    }

    @Test
    void aNameMustAgreeWithTheContent() {
        assertEquals("cat.png", Upload.check("cat.png", PNG, 100).name());
        assertEquals("Cat.PNG", Upload.check("Cat.PNG", PNG, 100).name());
        assertEquals("file.png", Upload.check(null, PNG, 100).name(), "a name is made from the type");
        assertEquals("scan", Upload.check("scan", PDF, 100).name(), "no extension claims nothing");
        assertEquals(FileType.TEXT, Upload.check("notes.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), 100).type());

        ApiException disguised = assertThrows(ApiException.class, () -> Upload.check("cat.png", PDF, 100));
        assertEquals(415, disguised.status());
        assertEquals("type_mismatch", disguised.code());
        assertEquals("the name says .png but the content is application/pdf", disguised.getMessage());
        byte[] html = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        assertEquals("unsupported_type", assertThrows(ApiException.class, () -> Upload.check("x.html", html, 100)).code());
        assertEquals("unsupported_type", assertThrows(ApiException.class, () -> Upload.check("logo.svg", html, 100)).code());
        assertEquals("type_mismatch", assertThrows(ApiException.class, () -> Upload.check("x.txt", PNG, 100)).code());
        assertEquals("unsupported_type",
                assertThrows(ApiException.class, () -> Upload.check("a.txt", bytes('M', 'Z', 0x90, 0), 100)).code());
    }

    @Test
    void emptyAndOversizedFilesAreRefused() {
        assertEquals(400, assertThrows(ApiException.class, () -> Upload.check("a.png", new byte[0], 100)).status());
        ApiException large = assertThrows(ApiException.class, () -> Upload.check("a.png", PNG, PNG.length - 1));
        assertEquals(413, large.status());
        assertEquals("too_large", large.code());
        assertEquals(FileType.PNG, Upload.check("a.png", PNG, PNG.length).type(), "the limit itself is allowed");
    }

    @Test
    void namesLoseTheirPathsAndControlCharacters() {
        assertEquals("passwd", Upload.cleanName("../../etc/passwd"));
        assertEquals("report.pdf", Upload.cleanName("C:\\Users\\ann\\report.pdf"));
        assertEquals("invoicefdp.exe", Upload.cleanName("invoice\u202Efdp.exe"), "no right-to-left override");
        assertEquals("ab.png", Upload.cleanName("a\r\nb.png"));
        assertEquals("", Upload.cleanName(".."));
        assertEquals(Upload.MAX_NAME_CHARS, Upload.cleanName("x".repeat(500) + ".png").length());
    }
}
