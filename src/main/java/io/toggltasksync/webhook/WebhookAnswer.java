package io.toggltasksync.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * The answer to a delivery, whichever receiver took it: the status and a line of text, nothing of the request (its
 * headers are cleared, the body never echoed).
 */
@ApplicationScoped
@Named("webhookAnswer")
public class WebhookAnswer {

    /** Exchange property: why a delivery changes nothing (ping, ignored, a repeat), answered 200; unset: 202. */
    static final String CHANGES_NOTHING = "webhookChangesNothing";

    /** A delivery that changes nothing: answered 200 with {@code why} (a receiver whose sender needs only 202 never says it). */
    static void changesNothing(Exchange exchange, String why) {
        exchange.setProperty(CHANGES_NOTHING, why);
    }

    /** 202 to an accepted delivery, 200 with the reason to one that changes nothing. */
    public void answer(Exchange exchange, @ExchangeProperty(CHANGES_NOTHING) String nothing) {
        write(exchange, nothing == null ? 202 : 200, nothing == null ? "accepted" : nothing);
    }

    /** The answer to a refused delivery: its status and the reason (never a secret, never the body). */
    public void refused(Exchange exchange, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) WebhookRefused refused) {
        write(exchange, refused.status(), refused.getMessage());
        if (refused.retryAfterSeconds() > 0) {
            exchange.getMessage().setHeader("Retry-After", Integer.toString(refused.retryAfterSeconds()));
        }
    }

    private static void write(Exchange exchange, int status, String text) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody(text + "\n");
    }
}
