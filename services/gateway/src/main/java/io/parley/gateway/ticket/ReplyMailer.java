package io.parley.gateway.ticket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Mails a ticket's public reply to the address its requester left (docs/tickets.md, "Replies by email"). One thread
 * per ticket: every mail names the ticket's root message id in {@code In-Reply-To} and {@code References}, so mail
 * clients keep the replies together. A failed mail does not undo the reply (it is on the ticket and in the chat):
 * it is logged and counted ({@code parley_ticket_mails_total{result}}).
 */
@ApplicationScoped
public class ReplyMailer {
    private final ReactiveMailer mailer;
    private final String domain;
    private final Counter sent;
    private final Counter failed;

    public ReplyMailer(ReactiveMailer mailer, MeterRegistry registry, GatewayConfig config) {
        this.mailer = mailer;
        this.domain = config.mail().messageIdDomain();
        this.sent = Counter.builder("parley_ticket_mails_total").tag("result", "sent")
                .description("ticket replies mailed to requesters").register(registry);
        this.failed = Counter.builder("parley_ticket_mails_total").tag("result", "failed")
                .description("ticket replies that could not be mailed").register(registry);
    }

    /** True once the SMTP server took the mail; false when there is no address or it failed. */
    public Uni<Boolean> mail(TicketView ticket, String agent, String text) {
        if (ticket.requesterEmail() == null) {
            return Uni.createFrom().item(false);
        }
        String root = "<ticket-" + ticket.id() + "@" + domain + ">";
        Mail mail = Mail.withText(ticket.requesterEmail(), "Re: " + ticket.subject() + " [#" + ticket.id() + "]",
                text + "\n\n-- \n" + agent + "\nReply in the chat to continue this conversation.")
                .addHeader("Message-ID", "<ticket-" + ticket.id() + "-" + UUID.randomUUID() + "@" + domain + ">")
                .addHeader("In-Reply-To", root).addHeader("References", root);
        return mailer.send(mail).map(done -> {
            sent.increment();
            return true;
        }).onFailure().recoverWithItem(e -> {
            failed.increment();
            Log.warnf("could not mail the reply to ticket %d: %s", ticket.id(), e.getMessage());
            return false;
        });
    }
}
