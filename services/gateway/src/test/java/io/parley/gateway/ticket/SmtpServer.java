package io.parley.gateway.ticket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a free port; the gateway under test mails to it for real (the
 * mailer is not mocked). Also trusts {@link TestTokens}' identity provider, like the other gateway tests.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {
    static GreenMail mail;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port), "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.from", "Acme support <support@acme.example>",
                "quarkus.oidc.public-key", TestTokens.publicKeyBase64(), "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
        }
    }
}
