package io.toggltasksync.check;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.toggltasksync.check.Lines.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.toggltasksync.testing.GithubFixture;
import io.toggltasksync.testing.SandboxExtension;
import io.toggltasksync.testing.SandboxFixture;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The preflight of a GitHub source: a WireMock GitHub, the sandbox as Toggl. */
@QuarkusTest
@ExtendWith(SandboxExtension.class)
class GithubCheckTest {

    static final long P3 = 1003;
    static final String RATE_LIMIT = "{\"resources\":{\"core\":{\"limit\":5000,\"used\":1,\"remaining\":4999,\"reset\":1800000000}},"
            + "\"rate\":{\"limit\":5000,\"remaining\":4999,\"reset\":1800000000}}";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Inject
    CheckService checks;

    SandboxFixture t;

    @BeforeEach
    void start() {
        t.sandbox.addProject(SandboxFixture.WS, P3, "alpha (acme/alpha)");
        github.stubFor(get(urlPathEqualTo("/rate_limit")).willReturn(okJson(RATE_LIMIT)));
        github.stubFor(get(urlPathEqualTo("/repos/acme/alpha")).willReturn(okJson(repo("alpha", true))));
        github.stubFor(get(urlPathEqualTo("/repos/acme/beta")).willReturn(okJson(repo("beta", true))));
    }

    private static String repo(String name, boolean issues) {
        return "{\"id\":7,\"full_name\":\"acme/" + name + "\",\"private\":true,\"has_issues\":" + issues + ",\"open_issues_count\":4}";
    }

    private Checklist check() {
        return checks.check(GithubFixture.mirror(t.testSettings(), github.baseUrl(), "acme/alpha,acme/beta")
                .overrides("toggl.project-id=", "toggl.project-map=acme/beta=" + SandboxFixture.P2).load());
    }

    @Test
    void theTokenTheLimitEachRepositoryAndTheProjectsPass() {
        Checklist checklist = check();

        String text = ChecklistFormat.text(checklist);
        assertThat(line(checklist, "GitHub", "token").status()).as(text).isEqualTo(CheckStatus.PASSED);
        assertThat(line(checklist, "GitHub", "rate limit").detail()).startsWith("4999 of 5000 requests left this hour");
        assertThat(line(checklist, "GitHub", "acme/alpha").detail()).contains("readable (private");
        assertThat(line(checklist, "GitHub", "acme/beta").status()).isEqualTo(CheckStatus.PASSED);
        assertThat(line(checklist, "GitHub", "projects").detail()).contains("acme/alpha -> project " + P3)
                .contains("acme/beta -> project " + SandboxFixture.P2);
        assertThat(checklist.lines()).noneMatch(l -> l.area().equals("CSV"));
        github.verify(getRequestedFor(urlPathEqualTo("/rate_limit")).withHeader("Authorization", equalTo("Bearer " + GithubFixture.TOKEN)));
        assertThat(text).doesNotContain(GithubFixture.TOKEN);
        assertThat(t.writes()).isZero();
    }

    @Test
    void aBadTokenFailsOnceAndSkipsTheRepositories() {
        github.stubFor(get(urlPathEqualTo("/rate_limit")).willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));

        Checklist checklist = check();

        assertThat(line(checklist, "GitHub", "token").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(line(checklist, "GitHub", "token").detail()).contains("401").doesNotContain(GithubFixture.TOKEN);
        assertThat(checklist.lines()).noneMatch(l -> l.subject().equals("acme/alpha"));
        github.verify(0, getRequestedFor(urlPathEqualTo("/repos/acme/alpha")));
        assertThat(checklist.exitCode()).isNotZero();
    }

    @Test
    void anUnknownRepositoryOrOneWithoutIssuesFailsItsLine() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/alpha")).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/beta")).willReturn(okJson(repo("beta", false))));

        Checklist checklist = check();

        assertThat(line(checklist, "GitHub", "acme/alpha").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(line(checklist, "GitHub", "acme/alpha").detail()).contains("No repository acme/alpha");
        assertThat(line(checklist, "GitHub", "acme/beta").detail()).contains("issues are turned off");
        assertThat(line(checklist, "GitHub", "token").status()).isEqualTo(CheckStatus.PASSED);
    }
}
