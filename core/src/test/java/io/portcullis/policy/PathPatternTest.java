package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    private static boolean matches(String pattern, String path) {
        PathSegments segments = PathSegments.of(PathNormalizer.normalize(path));
        return PathPattern.compile(pattern).matches(segments);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
        "/, /, true",
        "/, /orders, false",
        "/orders, /orders, true",
        "/orders, /orders/, true",
        "/orders, /orders/42, false",
        "/orders, /Orders, false",
        "/orders/*, /orders/42, true",
        "/orders/*, /orders, false",
        "/orders/*, /orders/42/refund, false",
        "/orders/{id}, /orders/42, true",
        "/orders/{id}/refund, /orders/42/refund, true",
        "/orders/{id}/refund, /orders/42/cancel, false",
        "/orders/**, /orders, true",
        "/orders/**, /orders/42/refund/x, true",
        "/orders/**, /ordersx, false",
        "/**, /, true",
        "/**, /anything/at/all, true",
        "/**/refund, /orders/42/refund, true",
        "/**/refund, /refund, true",
        "/**/refund, /orders/42, false",
        "/a/**/z, /a/z, true",
        "/a/**/z, /a/b/c/z, true",
        "/a/**/z, /a/b/c, false",
        "/a/**/{last}, /a/b, true",
        "/a/**/{last}, /a, false"
    })
    void matchesSegments(String pattern, String path, boolean expected) {
        assertThat(matches(pattern, path)).isEqualTo(expected);
    }

    @Test
    void capturesPathVariablesDecoded() {
        PathPattern pattern = PathPattern.compile("/users/{user}/**/{file}");
        PathSegments path = PathSegments.of(PathNormalizer.normalize("/users/jos%C3%A9/a/b/r%20x"));

        assertThat(pattern.matches(path)).isTrue();
        assertThat(pattern.variables(path)).isEqualTo(Map.of("user", "jos\u00e9", "file", "r x"));
    }

    @Test
    void keepsAnEscapeThatIsNotUtf8AsWritten() {
        PathPattern pattern = PathPattern.compile("/files/{name}");
        PathSegments path = PathSegments.of(PathNormalizer.normalize("/files/a%FFb"));

        assertThat(pattern.variables(path)).containsEntry("name", "a%FFb");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "orders | must start with '/'",
        "/orders/ | must not end with '/'",
        "/a//b | empty segment",
        "/a/**/b/** | '**' only once",
        "/files/*.pdf | contains '*'",
        "/orders/{id}.json | contains '{'",
        "/orders/{1d} | path variable",
        "/a/{id}/b/{id} | twice",
        "/a/../b | '..' segment",
        "/a%2Fb | contains '%'",
        "/a;x | contains ';'"
    })
    void refusesBadPatterns(String pattern, String message) {
        assertThatThrownBy(() -> PathPattern.compile(pattern.strip()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message.strip());
    }
}
