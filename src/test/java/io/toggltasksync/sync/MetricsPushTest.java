package io.toggltasksync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.toggltasksync.account.Ledger;
import io.toggltasksync.config.MetricsPushSettings;
import io.toggltasksync.testing.PackagedApp;
import io.toggltasksync.testing.PushgatewayStandIn;
import io.toggltasksync.testing.TestSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One PUT of the registry's text to the job's group; every way it can fail is one result, never an exception. */
class MetricsPushTest {

    @TempDir
    Path dir;

    private final PushgatewayStandIn gateway = PushgatewayStandIn.start();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @AfterEach
    void close() {
        gateway.close();
    }

    private MetricsPushSettings to(String url) {
        return new MetricsPushSettings(URI.create(url), MetricsPushSettings.DEFAULT_JOB);
    }

    @Test
    void theRegistrysTextIsPutToTheJobsGroupAndTheGatewayTakesEverySample() {
        registry.counter("sync_runs_total", "outcome", "in_sync").increment();
        registry.counter("toggl_api_calls_total", "method", "POST").increment(7);
        registry.gauge("sync_last_run_exit_code", 0);
        registry.timer("sync_run_duration").record(Duration.ofMillis(1500));

        MetricsPush.Result result = MetricsPush.push(to(gateway.url()), registry.scrape(), MetricsPush.TIMEOUT, Set.of());

        assertThat(result.delivered()).as(result.toString()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        List<PushgatewayStandIn.Request> requests = gateway.requests();
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method()).as("PUT replaces the group: the last run alone").isEqualTo("PUT");
            assertThat(r.path()).isEqualTo("/metrics/job/toggl-task-sync");
            assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        });
        assertThat(gateway.value("toggl-task-sync", "sync_runs_total", "outcome", "in_sync")).contains(1.0);
        assertThat(gateway.value("toggl-task-sync", "toggl_api_calls_total", "method", "POST")).contains(7.0);
        assertThat(gateway.value("toggl-task-sync", "sync_run_duration_seconds_sum")).contains(1.5);
        assertThat(gateway.group("toggl-task-sync").orElseThrow()).hasSize(result.samples());
    }

    @Test
    void aRefusalIsAProblemWithTheStatusAndTheGatewaysReasonNeverASecret() {
        gateway.answerPushesWith(400, "pushed metrics are invalid: token " + TestSettings.TOKEN + "\n  collides\n");

        MetricsPush.Result result = MetricsPush.push(to(gateway.url()), "x 1\n", MetricsPush.TIMEOUT, Set.of(TestSettings.TOKEN));

        assertThat(result.delivered()).isFalse();
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.problem()).isEqualTo("the Pushgateway answered HTTP 400: pushed metrics are invalid: token **** collides");
    }

    @Test
    void noGatewayAtTheAddressIsAProblemNotAnException() throws Exception {
        MetricsPush.Result result = MetricsPush.push(to("http://127.0.0.1:" + PackagedApp.freePort()), "x 1\n", MetricsPush.TIMEOUT, Set.of());

        assertThat(result.delivered()).isFalse();
        assertThat(result.status()).isZero();
        assertThat(result.problem()).startsWith("cannot reach it (ConnectException");
    }

    @Test
    void aGatewayThatDoesNotAnswerIsGivenUpOnAfterTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        silent.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.start();
        try {
            long t0 = System.nanoTime();
            MetricsPush.Result result = MetricsPush.push(to("http://127.0.0.1:" + silent.getAddress().getPort()), "x 1\n",
                    Duration.ofMillis(300), Set.of());

            assertThat(result.problem()).isEqualTo("no answer within 0.3 s");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        } finally {
            release.countDown();
            silent.stop(0);
        }
    }

    @Test
    void aDryRunOrARunWithoutAPushUrlPushesNothing() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "external_id,name,project_id,estimated_seconds,active\n");
        MetricsPush push = new MetricsPush();
        push.registry = registry;

        SyncRun dry = new SyncRun(TestSettings.minimal().with("metrics.push-url", gateway.url()).with("sync.dry-run", true).csv(csv).load(),
                new Ledger(entry -> { }));
        SyncRun off = new SyncRun(TestSettings.minimal().csv(csv).load(), new Ledger(entry -> { }));
        SyncRun real = new SyncRun(TestSettings.minimal().with("metrics.push-url", gateway.url()).csv(csv).load(), new Ledger(entry -> { }));

        assertThat(push.afterRun(dry, MetricsPush.TIMEOUT)).isNull();
        assertThat(push.afterRun(off, MetricsPush.TIMEOUT)).isNull();
        assertThat(push.afterRun(real, Duration.ofMillis(50))).as("no time left in the shutdown wait").isNull();
        assertThat(gateway.requests()).isEmpty();
        assertThat(push.afterRun(real, MetricsPush.TIMEOUT).delivered()).isTrue();
        assertThat(gateway.requests()).hasSize(1);
    }
}
