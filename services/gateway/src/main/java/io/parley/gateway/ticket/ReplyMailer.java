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
 * Mails the address a ticket's requester left (docs/tickets.md, "Replies by email"): a receipt when they leave it,
 * then each public reply. One thread per ticket: the receipt is its root, every reply names the ticket's root message id in {@code In-Reply-To} and {@code References}, so mail
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
                .description("mails to ticket requesters (receipts and replies)").register(registry);
        this.failed = Counter.builder("parley_ticket_mails_total").tag("result", "failed")
                .description("mails to ticket requesters that could not be sent").register(registry);
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
        return send(mail, ticket);
    }

    /**
     * The receipt for an address left in the offline form, in the visitor's language: the thread's first mail (its
     * Message-ID is the root every reply refers to). True once the SMTP server took it.
     */
    public Uni<Boolean> acknowledge(TicketView ticket, String locale) {
        boolean zh = "zh-CN".equals(locale);
        String text = zh
                ? "感谢您的留言。刚才没有客服能在对话中回复您；我们会回复到这个邮箱，您回到对话时也能看到回复。\n\n您的问题："
                        + ticket.subject()
                : "Thank you for writing to us. Nobody could answer in the chat just now: we will reply to this"
                        + " address, and you will also see the answer in the chat when you come back.\n\nYour question: "
                        + ticket.subject();
        Mail mail = Mail.withText(ticket.requesterEmail(), ticket.subject() + " [#" + ticket.id() + "]", text)
                .addHeader("Message-ID", "<ticket-" + ticket.id() + "@" + domain + ">");
        return send(mail, ticket);
    }

    private Uni<Boolean> send(Mail mail, TicketView ticket) {
        return mailer.send(mail).map(done -> {
            sent.increment();
            return true;
        }).onFailure().recoverWithItem(e -> {
            failed.increment();
            Log.warnf("could not mail ticket %d's requester: %s", ticket.id(), e.getMessage());
            return false;
        });
    }
}
