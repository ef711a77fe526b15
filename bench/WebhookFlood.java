import io.toggltasksync.sandbox.TogglSandbox;
import com.sun.net.httpserver.HttpServer;
import io.toggltasksync.support.HubSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook flood: the packaged app in webhook mode ({@code -Xmx256m}, its own process) against
 * clients that do not know the secret. N connections each send the headers of a ~1 MB delivery
 * with a wrong signature, all of the body but its last byte, and then hold the connection open.
 * Meanwhile it polls {@code /q/health}, samples the app's RSS, posts a correctly signed delivery
 * every two seconds, and at the end sends SIGTERM. Run by bench/webhook-flood.sh; see
 * bench/README.md. Exit code 1 when a check failed.
 */
public class WebhookFlood {

    static final String TOKEN = "bench-token-0123456789";
    static final String SECRET = "bench-webhook-secret-0123456789abcdef";
    static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

    static final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    /** What became of one flooding connection. status: the app's answer (-1 none); closedMs: when the app closed it (-1 never). */
    record Held(long sent, int status, long closedMs) {
    }

    record Signed(long atMs, int status, long tookMs) {
    }

    public static void main(String[] args) {
        AppProcess.main(() -> {
            run(args);
            return problems.isEmpty() ? 0 : 1;
        });
    }

    static void run(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int holdSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String javaOpts = System.getenv().getOrDefault("BENCH_APP_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
        Path dir = Files.createTempDirectory("webhook-flood-");
        System.err.println("== working directory " + dir);

        TogglSandbox sandbox = new TogglSandbox(TOKEN).start(0);
        sandbox.addProject(42, 1001, "Bench");
        HttpServer jira = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        jira.createContext("/", exchange -> {
            byte[] page = "{\"issues\":[],\"isLast\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        jira.start();

        int port = AppProcess.freePort();
        Process app = launch(dir, javaOpts, port, sandbox, "http://127.0.0.1:" + jira.getAddress().getPort());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        AppProcess.waitUntilReady(http, base + "/q/health/ready", app, dir.resolve("app.log"));
        long rssBefore = AppProcess.statusKb(app.pid(), "VmRSS");

        // /q/health and RSS every 250 ms until the end
        Health health = new Health(http, base + "/q/health", app.pid());
        Thread poller = new Thread(health, "health");
        poller.setDaemon(true);
        poller.start();

        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        List<Held> held = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        long t0 = System.nanoTime();
        List<Thread> attackers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> held.add(flood(port, bytes, go, sockets, holdSeconds)), "flood-" + i);
            t.setDaemon(true);
            t.start();
            attackers.add(t);
        }
        go.countDown();

        // a signed delivery every 2 s while the flood holds its connections
        List<Signed> signed = new ArrayList<>();
        long end = t0 + TimeUnit.SECONDS.toNanos(holdSeconds);
        for (long next = t0 + TimeUnit.SECONDS.toNanos(1); next < end - TimeUnit.SECONDS.toNanos(1); next += TimeUnit.SECONDS.toNanos(2)) {
            if (System.nanoTime() > next) {
                continue; // the last one took longer than 2 s
            }
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime()));
            signed.add(signedDelivery(http, base, t0));
        }
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
        for (Thread t : attackers) {
            t.join(5000);
        }
        Thread.sleep(1000);
        health.stop();
        poller.join();
        long rssAfter = AppProcess.statusKb(app.pid(), "VmRSS");
        long hwm = AppProcess.statusKb(app.pid(), "VmHWM");
        String metrics = fetch(http, base + "/q/metrics");

        // SIGTERM must still stop it
        long termAt = System.nanoTime();
        app.destroy();
        boolean stopped = app.waitFor(30, TimeUnit.SECONDS);
        long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termAt);
        if (!stopped) {
            problems.add("SIGTERM did not stop the app within 30 s (SIGKILL sent)");
            app.destroyForcibly().waitFor();
        }
        jira.stop(0);
        sandbox.close();

        long maxHeapAfterGc = AppProcess.maxHeapAfterGc(dir.resolve("gc.log"));
        if (health.failures.get() > 0) {
            problems.add(health.failures.get() + " of " + health.polls.get() + " /q/health polls failed or took over 2 s");
        }
        if (signed.stream().noneMatch(s -> s.status() == 202)) {
            problems.add("no signed delivery was accepted during the flood");
        }
        if (!app.isAlive() && stopped && app.exitValue() != 0 && app.exitValue() != 143) {
            problems.add("the app exited with " + app.exitValue());
        }

        StringBuilder out = new StringBuilder();
        out.append("# Webhook flood\n\nRun ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("java.version")).append(". The app: `java ").append(javaOpts)
                .append(" -jar`, JIRA_WEBHOOK_SECRET set. ").append(connections).append(" connections at once, each: the headers of a ")
                .append(bytes).append("-byte delivery with a wrong signature, the body but its last byte, then held open for ")
                .append(holdSeconds).append(" s. A signed delivery every 2 s meanwhile; `/q/health` polled every 250 ms (2 s timeout).\n\n");
        out.append("| measure | value |\n| --- | --- |\n");
        out.append("| RSS before the flood | ").append(mb(rssBefore)).append(" |\n");
        out.append("| peak RSS (VmHWM) | ").append(mb(hwm)).append(" |\n");
        out.append("| RSS after the flood | ").append(mb(rssAfter)).append(" |\n");
        out.append("| largest heap after a GC | ").append(maxHeapAfterGc < 0 ? "?" : maxHeapAfterGc + " MB").append(" (of -Xmx) |\n");
        out.append("| /q/health polls failed (of all) | ").append(health.failures.get()).append(" of ").append(health.polls.get())
                .append(", slowest ").append(health.slowestMs.get()).append(" ms |\n");
        out.append("| signed deliveries (sent at s: status, ms) | ").append(String.join(", ", signed.stream()
                .map(s -> String.format("%.1f: %d, %d", s.atMs() / 1000.0, s.status(), s.tookMs())).toList())).append(" |\n");
        out.append("| flooding connections: the app's answer | ").append(answers(held)).append(" |\n");
        out.append("| flooding connections closed by the app | ").append(closed(held)).append(" |\n");
        out.append("| body bytes the flood wrote (of ").append((long) connections * bytes).append("; the kernel buffers what the app does not read) | ")
                .append(held.stream().mapToLong(Held::sent).sum()).append(" |\n");
        out.append("| SIGTERM | ").append(stopped ? "stopped in " + stopMs + " ms" : "still running after 30 s: SIGKILL").append(" |\n");
        out.append("\nThe app's `jira_webhook_deliveries_total` after the flood:\n\n```\n");
        metrics.lines().filter(l -> l.startsWith("jira_webhook_deliveries_total{")).forEach(l -> out.append(l).append('\n'));
        out.append("```\n");
        if (!problems.isEmpty()) {
            out.append("\nProblems:\n\n");
            problems.forEach(p -> out.append("- ").append(p).append('\n'));
        }
        System.out.print(out);
        Files.writeString(Path.of("bench/webhook-flood-results.md"), out.toString());
    }

    /** One flooding connection: headers, all of the body but its last byte, then held until the end (or the app closes it). */
    static Held flood(int port, int bytes, CountDownLatch go, List<Socket> sockets, int holdSeconds) {
        long sent = 0;
        int status = -1;
        long t0 = 0;
        try (Socket s = new Socket()) {
            sockets.add(s);
            go.await();
            t0 = System.nanoTime();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /webhooks/jira HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes + "\r\nX-Hub-Signature: sha256=" + "0".repeat(64) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] piece = new byte[16 * 1024];
            java.util.Arrays.fill(piece, (byte) 'x');
            try {
                while (sent < bytes - 1) {
                    int n = (int) Math.min(piece.length, bytes - 1 - sent);
                    out.write(piece, 0, n);
                    sent += n;
                }
                out.flush();
            } catch (IOException cut) {
                // the app stopped reading and closed: see what it answered
            }
            // hold: read whatever the app answers until it closes, or the end closes the socket
            s.setSoTimeout(500);
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds + 5);
            while (System.nanoTime() < deadline) {
                int c;
                try {
                    c = in.read();
                } catch (SocketTimeoutException quiet) {
                    continue;
                }
                if (c < 0) {
                    return new Held(sent, statusOf(head), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                }
                if (head.length() < 64) {
                    head.append((char) c);
                }
            }
            return new Held(sent, statusOf(head), -1);
        } catch (IOException e) {
            // reset by the app, or closed by the end of the hold
            return new Held(sent, status, -2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Held(sent, status, -1);
        }
    }

    static int statusOf(CharSequence head) {
        Matcher m = STATUS.matcher(head);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static String answers(List<Held> held) {
        Map<String, Integer> by = new TreeMap<>();
        for (Held h : held) {
            by.merge(h.status() < 0 ? "none" : Integer.toString(h.status()), 1, Integer::sum);
        }
        return by.toString();
    }

    static String closed(List<Held> held) {
        List<Long> ms = held.stream().map(Held::closedMs).filter(m -> m >= 0).sorted().toList();
        long reset = held.stream().filter(h -> h.closedMs() == -2).count();
        long open = held.stream().filter(h -> h.closedMs() == -1).count();
        String times = ms.isEmpty() ? "" : String.format(" (median %d ms, max %d ms)", ms.get(ms.size() / 2), ms.get(ms.size() - 1));
        return ms.size() + " closed" + times + ", " + reset + " reset or cut, " + open + " still open when the hold ended";
    }

    static Signed signedDelivery(HttpClient http, String base, long t0) {
        long at = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        String body = "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"id\":\"1\",\"key\":\"BEN-1\",\"fields\":{\"summary\":\"x\","
                + "\"status\":{\"name\":\"x\",\"statusCategory\":{\"key\":\"indeterminate\"}},\"project\":{\"key\":\"BEN\"}}}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/jira")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Hub-Signature", HubSignature.header(SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .header("X-Atlassian-Webhook-Identifier", java.util.UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        return new Signed(at, status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Polls /q/health every 250 ms; a failure: no answer, not 200, or over 2 s. */
    static final class Health implements Runnable {
        final HttpClient http;
        final String url;
        final long pid;
        final AtomicLong polls = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong slowestMs = new AtomicLong();
        volatile boolean running = true;

        Health(HttpClient http, String url, long pid) {
            this.http = http;
            this.url = url;
            this.pid = pid;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                long start = System.nanoTime();
                boolean ok;
                try {
                    ok = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    ok = false;
                } catch (InterruptedException e) {
                    return;
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                slowestMs.accumulateAndGet(ms, Math::max);
                polls.incrementAndGet();
                if (!ok) {
                    failures.incrementAndGet();
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static Process launch(Path dir, String javaOpts, int port, TogglSandbox sandbox, String jiraUrl) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(AppProcess.java()));
        cmd.addAll(List.of(javaOpts.trim().split("\\s+")));
        cmd.addAll(List.of("-Xlog:gc:file=" + dir.resolve("gc.log"), "-jar", AppProcess.JAR));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("TOGGL_") || k.startsWith("SYNC_") || k.startsWith("JIRA_") || k.startsWith("QUARKUS_"));
        pb.environment().putAll(Map.of("TOGGL_API_URL", sandbox.baseUrl(), "TOGGL_API_TOKEN", TOKEN, "TOGGL_WORKSPACE_ID", "42",
                "TOGGL_PROJECT_MAP", "BEN=1001", "SYNC_SOURCE", "jira", "JIRA_URL", jiraUrl, "JIRA_USER", "bench@acme.test",
                "JIRA_TOKEN", "bench-jira-token", "JIRA_JQL", "project = BEN"));
        pb.environment().putAll(Map.of("JIRA_WEBHOOK_SECRET", SECRET, "SYNC_SCHEDULE", "0 0 0 1 1 ? 2099", "QUARKUS_HTTP_PORT", Integer.toString(port),
                "SYNC_REPORT_FILE", dir.resolve("report.json").toString(), "SYNC_STATE_FILE", dir.resolve("sync-state.json").toString(),
                "SYNC_DEAD_LETTER_FILE", dir.resolve("dead-letter.jsonl").toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("app.log").toFile());
        return AppProcess.start(pb);
    }

    static String fetch(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            problems.add("no /q/metrics after the flood: " + e);
            return "";
        }
    }

    static String mb(long kb) {
        return kb < 0 ? "?" : (kb / 1024) + " MB";
    }
}
