package io.toggltasksync.source.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.source.SourceException;
import org.junit.jupiter.api.Test;

/** The {@code Link} header's next page, followed only below {@code github.api-url}. */
class GithubLinksTest {

    @Test
    void theNextOfGithubsLinkHeader() {
        String link = "<https://api.github.com/repositories/1300192/issues?state=all&labels=a,b&page=2>; rel=\"next\", "
                + "<https://api.github.com/repositories/1300192/issues?state=all&labels=a,b&page=9>; rel=\"last\"";

        assertThat(GithubLinks.next(link)).isEqualTo("https://api.github.com/repositories/1300192/issues?state=all&labels=a,b&page=2");
        assertThat(GithubLinks.next("<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=1>; rel=\"first\""))
                .isNull();
        assertThat(GithubLinks.next(null)).isNull();
        assertThat(GithubLinks.next("<https://api.github.com/x?page=3>;rel=next")).isEqualTo("https://api.github.com/x?page=3");
    }

    @Test
    void aNextPageBelowTheBaseIsItsPathAndQuery() {
        assertThat(GithubLinks.request("https://api.github.com", "https://API.github.com:443/repositories/1/issues?page=2&since=2026-12-07T20%3A00%3A00Z"))
                .isEqualTo(new GithubRequest("/repositories/1/issues", "page=2&since=2026-12-07T20%3A00%3A00Z", null));
        assertThat(GithubLinks.request("https://ghe.acme.test/api/v3", "https://ghe.acme.test/api/v3/repos/o/r/issues?page=2"))
                .isEqualTo(new GithubRequest("/repos/o/r/issues", "page=2", null));
    }

    @Test
    void aNextPageAnywhereElseIsRefused() {
        String[] elsewhere = {"https://evil.test/repos/o/r/issues?page=2", "http://api.github.com/repos/o/r/issues?page=2",
                "https://api.github.com:8443/repos/o/r/issues?page=2", "https://user@api.github.com/repos/o/r/issues?page=2",
                "https://ghe.acme.test/api/v30/repos?page=2", "https://ghe.acme.test/other/api/v3/x", "https://ghe.acme.test/api/v3/../x",
                "//ghe.acme.test/api/v3/x", "not a url"};
        for (String url : elsewhere) {
            String base = url.contains("ghe.acme") ? "https://ghe.acme.test/api/v3" : "https://api.github.com";
            assertThatThrownBy(() -> GithubLinks.request(base, url)).as(url).isInstanceOf(SourceException.class)
                    .hasMessageContaining("is not below github.api-url");
        }
    }
}
