package io.toggltasksync.webhook;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.toggltasksync.config.WebhookSettings;
import io.toggltasksync.source.github.GithubDelivery;
import io.toggltasksync.support.HubSignature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;

/**
 * The HTTP edge of {@code POST /webhooks/jira} and {@code POST /webhooks/github}, in front of their routes: what a
 * client without the secret can make the app hold is bounded. Without it the route's body handler
 * buffers each body whole (in buffers that double as they grow) before anything is checked, so
 * a few hundred connections that each send most of a 1 MiB body and stop fill a 256 MiB heap.
 * <ul>
 * <li>Answered at once, nothing read: 503 with {@code Retry-After} while the receiver is starting
 * (not a 404 before the route exists), 401 without a well-formed signature header ({@code X-Hub-Signature}
 * for Jira, {@code X-Hub-Signature-256} for GitHub: both {@code sha256=<hex>}), 413 when
 * {@code Content-Length} is over {@code <source>.webhook-max-bytes}, 503 when the bodies being read
 * already hold {@link #IN_FLIGHT_DELIVERIES} deliveries of the largest size.</li>
 * <li>While the body streams in: the HMAC is fed chunk by chunk and the chunks kept as they came
 * (small, no copy, no growing buffer); 413 past the limit; 408 when nothing came for
 * {@link #STALL} or the body is not whole after {@link #DEADLINE} (behind an ingress controller
 * that buffers bodies, as ingress-nginx does, it arrives at once).</li>
 * <li>At its end: 401 when the signature does not match; else the body, now one buffer, goes on to
 * the route (which checks it again: the route never depends on this filter alone).</li>
 * </ul>
 * A refusal closes the connection. Each is counted and logged (throttled) by {@link Refusals}.
 */
@ApplicationScoped
public class WebhookGate {

    static final String PATH = "/webhooks/jira";
    static final String GITHUB_PATH = "/webhooks/github";

    /** One receiver's path, the source it serves, and the header its signature comes in. */
    record Edge(String path, String source, String signatureHeader, String off) {
    }

    static final Edge JIRA = new Edge(PATH, "jira", JiraWebhook.SIGNATURE, "the Jira webhook receiver is off: set JIRA_WEBHOOK_SECRET");
    static final Edge GITHUB = new Edge(GITHUB_PATH, "github", GithubDelivery.SIGNATURE,
            "the GitHub webhook receiver is off: set GITHUB_WEBHOOK_SECRET (with SYNC_SOURCE=github)");
    /** Unverified bytes being read at once, in deliveries of {@code jira.webhook-max-bytes} (32 MiB with the default 1 MiB). */
    static final int IN_FLIGHT_DELIVERIES = 32;
    static final Duration STALL = Duration.ofSeconds(2);
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final String RETRY_AFTER_SECONDS = "5";
    private static final long CHECK_MILLIS = 250;

    @Inject
    OpenReceiver receiver;

    @Inject
    Refusals refusals;

    /** Bytes reserved by the bodies being read (their Content-Length, or the limit when chunked). */
    private final AtomicLong inFlight = new AtomicLong();

    /** Before Quarkus' own body-size check (which would answer a 413 no metric sees) and the route's body handler. */
    void install(@Observes Router router) {
        for (Edge edge : List.of(JIRA, GITHUB)) {
            router.route(HttpMethod.POST, edge.path()).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> handle(ctx, edge));
        }
    }

    void handle(RoutingContext ctx, Edge edge) {
        HttpServerRequest request = ctx.request();
        WebhookSettings webhook = receiver.webhook(edge.source());
        if (webhook == null) {
            if (receiver.settings() == null && receiver.configured(edge.source())) {
                refuse(ctx, edge, 503, "not_ready", "starting: try again", true);
            } else {
                end(ctx, 404, edge.off(), false);
            }
            return;
        }
        byte[] signature = HubSignature.parse(request.getHeader(edge.signatureHeader()));
        if (signature == null) {
            refuse(ctx, edge, 401, "rejected_signature", "missing or malformed " + edge.signatureHeader(), false);
            return;
        }
        long length = contentLength(request);
        if (length > webhook.maxBytes()) {
            refuse(ctx, edge, 413, "rejected_too_large", tooLarge(webhook, edge), false);
            return;
        }
        long reserved = length >= 0 ? length : webhook.maxBytes();
        if (!reserve(reserved, (long) IN_FLIGHT_DELIVERIES * webhook.maxBytes())) {
            refuse(ctx, edge, 503, "rejected_busy", "too many deliveries being read at once", true);
            return;
        }
        new Inflow(ctx, webhook, edge, signature, reserved).start();
    }

    private boolean reserve(long bytes, long budget) {
        long now;
        do {
            now = inFlight.get();
            if (now + bytes > budget) {
                return false;
            }
        } while (!inFlight.compareAndSet(now, now + bytes));
        return true;
    }

    /** Bytes reserved by the bodies being read: for tests. */
    long inFlightBytes() {
        return inFlight.get();
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses such a request before it gets here
        }
    }

    private static String tooLarge(WebhookSettings webhook, Edge edge) {
        return "body over " + webhook.maxBytes() + " bytes (" + edge.source() + ".webhook-max-bytes)";
    }

    private void refuse(RoutingContext ctx, Edge edge, int status, String outcome, String reason, boolean retryAfter) {
        refusals.record(edge.source(), status, outcome, reason);
        end(ctx, status, reason, retryAfter);
    }

    /** Answers and closes the connection: the rest of the body is never read. */
    private static void end(RoutingContext ctx, int status, String reason, boolean retryAfter) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // (HTTP/2 forbids the header; closing the connection says it there)
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        if (retryAfter) {
            response.putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        response.end(reason + "\n").onComplete(done -> ctx.request().connection().close());
    }

    /** One body being read: runs on its connection's event loop only. */
    private final class Inflow {
        private final RoutingContext ctx;
        private final WebhookSettings webhook;
        private final Edge edge;
        private final byte[] signature;
        private final long reserved;
        private final Mac mac;
        private final long startedAt = System.nanoTime();
        private List<Buffer> chunks = new ArrayList<>();
        private long received;
        private long lastChunkAt = startedAt;
        private long timer;
        private boolean finished;

        Inflow(RoutingContext ctx, WebhookSettings webhook, Edge edge, byte[] signature, long reserved) {
            this.ctx = ctx;
            this.webhook = webhook;
            this.edge = edge;
            this.signature = signature;
            this.reserved = reserved;
            this.mac = HubSignature.mac(webhook.secret());
        }

        void start() {
            HttpServerRequest request = ctx.request();
            timer = ctx.vertx().setPeriodic(CHECK_MILLIS, id -> checkPace());
            request.handler(this::chunk);
            request.endHandler(v -> end());
            // the client went away: nothing to answer
            request.exceptionHandler(e -> finish());
            if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
                ctx.response().writeContinue();
            }
            // Quarkus pauses a request until a handler wants its body
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (finished) {
                return;
            }
            received += chunk.length();
            if (received > webhook.maxBytes()) {
                refuseNow(413, "rejected_too_large", tooLarge(webhook, edge));
                return;
            }
            mac.update(chunk.getBytes());
            chunks.add(chunk);
            lastChunkAt = System.nanoTime();
        }

        private void checkPace() {
            long now = System.nanoTime();
            if (now - lastChunkAt > STALL.toNanos()) {
                refuseNow(408, "rejected_slow", "no body bytes for " + STALL.toSeconds() + " s");
            } else if (now - startedAt > DEADLINE.toNanos()) {
                refuseNow(408, "rejected_slow", "body not complete within " + DEADLINE.toSeconds() + " s");
            }
        }

        private void end() {
            if (finished) {
                return;
            }
            if (!HubSignature.matches(mac, signature)) {
                refuseNow(401, "rejected_signature", "wrong " + edge.signatureHeader());
                return;
            }
            Buffer body = Buffer.buffer((int) received);
            chunks.forEach(body::appendBuffer);
            finish();
            // the route's body handler sees a body already read and passes it on as it is
            RoutingContextInternal internal = (RoutingContextInternal) ctx;
            internal.setBody(body);
            internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
            ctx.next();
        }

        private void refuseNow(int status, String outcome, String reason) {
            finish();
            refuse(ctx, edge, status, outcome, reason, false);
        }

        private void finish() {
            if (!finished) {
                finished = true;
                chunks = null;
                ctx.vertx().cancelTimer(timer);
                inFlight.addAndGet(-reserved);
            }
        }
    }
}
