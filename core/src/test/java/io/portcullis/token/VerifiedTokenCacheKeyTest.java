package io.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifiedTokenCacheKeyTest {

    static final String SIGNATURE = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8";

    @Test
    void tokensSharingTheirSignatureTailAreStillDifferentKeys() {
        var genuine = new VerifiedTokenCache.Key("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9."
                + SIGNATURE);
        var forged = new VerifiedTokenCache.Key("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2JieSJ9."
                + SIGNATURE);

        assertThat(forged.hashCode()).isEqualTo(genuine.hashCode());
        assertThat(forged).isNotEqualTo(genuine);
    }

    @Test
    void aCopyOfATokenIsTheSameKey() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9." + SIGNATURE;

        assertThat(new VerifiedTokenCache.Key(new String(token.toCharArray())))
                .isEqualTo(new VerifiedTokenCache.Key(token))
                .hasSameHashCodeAs(new VerifiedTokenCache.Key(token));
        assertThat(new VerifiedTokenCache.Key("short")).isEqualTo(
                new VerifiedTokenCache.Key("short"));
    }
}
