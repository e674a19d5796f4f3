package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestViewTest {

    @Test
    void looksUpHeadersInAnyCase() {
        RequestView view = RequestView.builder("get", "/orders")
                .header("X-Tenant", "acme")
                .header("x-tenant", "other")
                .headers(Map.of("Accept", List.of("application/json")))
                .build();

        assertThat(view.method()).isEqualTo("GET");
        assertThat(view.header("X-TENANT")).contains("acme");
        assertThat(view.headerValues("x-Tenant")).containsExactly("acme", "other");
        assertThat(view.header("accept")).contains("application/json");
        assertThat(view.header("missing")).isEmpty();
        assertThat(view.headers()).containsOnlyKeys("x-tenant", "accept");
    }

    @Test
    void parsesAQueryString() {
        RequestView view = RequestView.builder("GET", "/search")
                .queryString("q=caf%C3%A9+au+lait&tag=a&tag=b&flag&bad=%zz&=x")
                .build();

        assertThat(view.queryParameter("q")).contains("caf\u00e9 au lait");
        assertThat(view.queryParameterValues("tag")).containsExactly("a", "b");
        assertThat(view.queryParameter("flag")).contains("");
        assertThat(view.queryParameter("bad")).contains("%zz");
        assertThat(view.queryParameter("Q")).isEmpty();
    }

    @Test
    void isImmutable() {
        RequestView view = RequestView.builder("GET", "/").header("a", "1").build();

        assertThatThrownBy(() -> view.headers().put("b", List.of("2")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.headerValues("a").add("3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsTheRawPathAndHidesHeaderValuesFromToString() {
        RequestView view = RequestView.builder("GET", "/a/../b%2F")
                .header("Authorization", "Bearer secret").build();

        assertThat(view.rawPath()).isEqualTo("/a/../b%2F");
        assertThat(view.toString()).isEqualTo("GET /a/../b%2F").doesNotContain("secret");
    }

    @Test
    void namesAMissingArgument() {
        assertThatThrownBy(() -> RequestView.of(null, "/"))
                .isInstanceOf(NullPointerException.class).hasMessage("method");
        assertThatThrownBy(() -> RequestView.of("GET", null))
                .isInstanceOf(NullPointerException.class).hasMessage("rawPath");
    }
}
