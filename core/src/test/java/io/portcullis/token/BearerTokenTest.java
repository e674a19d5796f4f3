package io.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    static final int MAX = 64;

    @Test
    void absentHeader() {
        assertThat(BearerToken.from((List<String>) null, MAX))
                .isInstanceOf(BearerToken.Absent.class);
        assertThat(BearerToken.from(List.of(), MAX)).isInstanceOf(BearerToken.Absent.class);
    }

    @Test
    void schemeInAnyCaseAndSpacesAroundTheToken() {
        for (String header : List.of("Bearer abc.def.ghi", "bearer abc.def.ghi",
                "BEARER   abc.def.ghi", "Bearer abc.def.ghi  ")) {
            assertThat(BearerToken.from(List.of(header), MAX)).as(header)
                    .isEqualTo(new BearerToken.Present("abc.def.ghi"));
        }
    }

    @Test
    void b64TokenAlphabetWithTrailingPadding() {
        assertThat(BearerToken.from("Bearer a+b/c~d==", MAX))
                .isEqualTo(new BearerToken.Present("a+b/c~d=="));
    }

    @Test
    void invalidRequests() {
        for (String header : List.of("Bearer", "Bearer ", "Bearer a b", "Bearer a,b",
                "Bearer =abc", "Bearer ab=c")) {
            BearerToken.Result result = BearerToken.from(List.of(header), MAX);
            assertThat(result).as(header).isInstanceOf(BearerToken.Invalid.class);
            assertThat(((BearerToken.Invalid) result).rejection().reason().error())
                    .isEqualTo("invalid_request");
        }
    }

    @Test
    void credentialsOfAnotherSchemeAreNoToken() {
        for (String header : List.of("Basic dXNlcjpwYXNz", "Bearerabc", "Bearer\tabc",
                "Token abc", "Negotiate", "")) {
            assertThat(BearerToken.from(List.of(header), MAX)).as(header)
                    .isInstanceOf(BearerToken.Absent.class);
        }
    }

    @Test
    void twoHeadersAreInvalid() {
        BearerToken.Result result = BearerToken.from(List.of("Bearer a", "Bearer b"), MAX);
        assertThat(((BearerToken.Invalid) result).rejection().reason())
                .isEqualTo(Reason.INVALID_REQUEST);
    }

    @Test
    void hugeHeadersAreRefusedUnread() {
        BearerToken.Result result = BearerToken.from("Bearer " + "a".repeat(10_000), MAX);
        assertThat(((BearerToken.Invalid) result).rejection().reason())
                .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void presentNeverPrintsTheToken() {
        assertThat(new BearerToken.Present("secret.token.value").toString())
                .doesNotContain("secret");
    }
}
