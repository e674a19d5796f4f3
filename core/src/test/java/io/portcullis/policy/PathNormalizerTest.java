package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ' ', value = {
        "/ /",
        "/orders /orders",
        "/orders/42/refund /orders/42/refund",
        "/orders/../admin /admin",
        "/orders/./42 /orders/42",
        "/admin/. /admin",
        "/admin/.. /",
        "/../../admin /admin",
        "//admin /admin",
        "/orders//42 /orders/42",
        "/orders/ /orders",
        "/orders/// /orders",
        "/%2e%2e/admin /admin",
        "/orders/%2E%2E/admin /admin",
        "/orders/.%2e/admin /admin",
        "/%61dmin /admin",
        "/admin;x=y /admin",
        "/admin;jsessionid=ABC/list /admin/list",
        "/orders/..;/admin /admin",
        "/orders;a=1/42;b=2 /orders/42",
        "/;x/admin /admin",
        "/files/a%20b /files/a%20b",
        "/files/caf%c3%a9 /files/caf%C3%A9",
        "/files/a%3Bb /files/a%3Bb",
        "/files/100%25 /files/100%25",
        "/.well-known/openid-configuration /.well-known/openid-configuration",
        "/a/.hidden /a/.hidden",
        "/a/... /a/...",
        "/ADMIN /ADMIN",
        "/~user/x /~user/x"
    })
    void normalises(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/orders%2F..%2Fadmin", "/orders%2fadmin", "/a%5Cb", "/a\\..\\admin", "/a%00b",
        "/a%zz", "/a%2", "/a%", "/a\u0000b", "/a\nb", "/a\u007fb", "orders", "", "*",
        "/a?b=c", "/a#frag", "/a;x=%2F/b", "/a%\u0663\u0663"
    })
    void refusesPathsThatCannotBeNormalisedSafely(String raw) {
        assertThatThrownBy(() -> PathNormalizer.normalize(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the path");
    }

    @Test
    void keepsACanonicalPathAsTheSameInstance() {
        String raw = "/orders/42/refund";

        assertThat(PathNormalizer.normalize(raw)).isSameAs(raw);
    }

    @Test
    void saysWhichProblemItFound() {
        assertThatThrownBy(() -> PathNormalizer.normalize("/a%2Fb"))
                .hasMessageContaining("encoded '/'");
        assertThatThrownBy(() -> PathNormalizer.normalize("/a%4"))
                .hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> PathNormalizer.normalize("/a%00"))
                .hasMessageContaining("NUL");
    }
}
