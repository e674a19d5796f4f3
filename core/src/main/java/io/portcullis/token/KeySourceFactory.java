package io.portcullis.token;

import io.portcullis.keys.KeySource;
import java.time.Clock;

/** Makes the key source of one issuer; replace it to fetch keys in another way. */
@FunctionalInterface
public interface KeySourceFactory {

    /** Returns the key source for {@code issuer}, whose time comes from {@code clock}. */
    KeySource create(IssuerConfig issuer, Clock clock);
}
