package io.toggltasksync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in refuses what the real Pushgateway refuses: a push test that passes against it proves the push would be taken. */
class PushgatewayStandInTest {

    private final PushgatewayStandIn gateway = PushgatewayStandIn.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        gateway.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidPushIsStoredAndAPutReplacesTheWholeGroupWhileAPostReplacesOnlyWhatItNames() throws Exception {
        String first = """
                # HELP runs_total Runs.
                # TYPE runs_total counter
                runs_total{outcome="in_sync"} 1.0
                runs_total{outcome="aborted",note="a \\"quoted\\" \\\\ value"} 0.0
                # TYPE took_seconds summary
                took_seconds_count 1.0
                took_seconds_sum 0.25
                left +Inf
                """;
        assertThat(send("PUT", "/metrics/job/tts", first).statusCode()).isEqualTo(200);
        assertThat(gateway.value("tts", "runs_total", "outcome", "in_sync")).contains(1.0);
        assertThat(gateway.value("tts", "runs_total", "note", "a \"quoted\" \\ value", "outcome", "aborted")).contains(0.0);
        assertThat(gateway.value("tts", "left")).contains(Double.POSITIVE_INFINITY);

        assertThat(send("POST", "/metrics/job/tts", "# TYPE runs_total counter\nruns_total{outcome=\"in_sync\"} 2\nnew_metric 1\nqueue_count 3\n")
                .statusCode()).isEqualTo(200);
        assertThat(gateway.value("tts", "new_metric")).contains(1.0);
        assertThat(gateway.value("tts", "runs_total", "outcome", "in_sync")).contains(2.0);
        assertThat(gateway.value("tts", "runs_total", "outcome", "aborted")).as("POST: the whole metric is replaced").isEmpty();
        assertThat(gateway.value("tts", "took_seconds_sum")).as("POST: other metrics stay").contains(0.25);

        assertThat(send("PUT", "/metrics/job/tts", "other 3\n").statusCode()).isEqualTo(200);
        assertThat(gateway.group("tts").orElseThrow()).extracting(PushgatewayStandIn.Sample::name).containsExactly("other");
        assertThat(send("GET", "/metrics", "").body()).contains("other{instance=\"\",job=\"tts\"} 3.0");
    }

    @Test
    void aBodyThatIsNotTheTextFormatIsRefusedWith400AndTheLineAtFault() throws Exception {
        assertRefused("ok 1\nbroken line here\n", "text format parsing error in line 2: expected float as value, got \"line\"");
        assertRefused("x 1 2 3\n", "line 1: unexpected text after the value of \"x\"");
        assertRefused("no_value\n", "text format parsing error in line 1: expected a blank and a value");
        assertRefused("x{a=\"1\" 2\n", "line 1: unexpected end of label value");
        assertRefused("x abc\n", "line 1: expected float as value, got \"abc\"");
        assertRefused("x 1 1700000000000\n", "line 1: pushed metrics must not have timestamps");
        assertRefused("x{a=\"1\"} 1\nx{a=\"1\"} 2\n", "line 2: sample x{a=1} was collected before with the same name and label values");
        assertRefused("# TYPE x countr\nx 1\n", "line 1: unknown metric type");
        assertRefused("x 1\n# TYPE x gauge\n", "line 2: TYPE line for metric name \"x\" reported after its samples");
        assertRefused("# HELP x One.\n# HELP x Two.\nx 1\n", "line 2: second HELP line for metric name \"x\"");
        assertRefused("x{job=\"other\"} 1\n", "line 1: label job=\"other\" of x contradicts the grouping key job=\"tts\"");
        assertThat(gateway.group("tts")).as("nothing stored").isEmpty();
        assertThat(gateway.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(400));

        assertThat(send("PUT", "/metrics/job/tts", "x{job=\"tts\"} 1\n").statusCode()).as("the same job is no contradiction").isEqualTo(200);
        assertThat(send("PUT", "/metrics/job", "x 1\n").statusCode()).as("no job").isEqualTo(404);
        assertThat(send("PUT", "/metrics/job/tts/instance", "x 1\n").statusCode()).as("a label without value").isEqualTo(400);
        assertThat(send("PUT", "/metrics/job@base64/dHRz/env/eu", "x 5\n").statusCode()).isEqualTo(200);
    }

    @Test
    void aBrokenGatewayAnswersEveryPushWithWhatItIsToldAndStoresNothing() throws Exception {
        gateway.answerPushesWith(500, "storage unavailable");

        HttpResponse<String> answer = send("PUT", "/metrics/job/tts", "x 1\n");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("storage unavailable");
        assertThat(gateway.group("tts")).isEmpty();
    }

    private void assertRefused(String body, String reason) throws Exception {
        HttpResponse<String> answer = send("PUT", "/metrics/job/tts", body);
        assertThat(answer.statusCode()).as(body).isEqualTo(400);
        assertThat(answer.body()).as(body).contains(reason);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }
}
