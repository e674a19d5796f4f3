package io.portcullis.keys;

import java.security.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which security provider checks which signatures.
 *
 * <p>RSA and HMAC always use the JDK's own providers, which are as fast as any. Elliptic-curve
 * signatures (ES256, ES384, ES512) and EdDSA are about ten times faster with BouncyCastle than
 * with the JDK 17 providers (ES256 about 90 µs against about 1 ms, Ed25519 about 0.1 ms against
 * 0.7 ms; measured in the benchmarks module), so when {@code org.bouncycastle:bcprov-jdk18on} is
 * on the class path, it checks those. The provider is used directly and never registered with
 * {@link java.security.Security}, so nothing else in the service changes. The system property
 * {@value #PROPERTY} set to {@code false} keeps the JDK providers even when BouncyCastle is
 * present.
 */
public final class CryptoProviders {

    private static final Logger log = LoggerFactory.getLogger(CryptoProviders.class);

    /** System property that, set to {@code false}, turns BouncyCastle off. */
    public static final String PROPERTY = "portcullis.crypto.bouncycastle";

    private static final String BOUNCY_CASTLE =
            "org.bouncycastle.jce.provider.BouncyCastleProvider";

    private static final CryptoProviders JDK = new CryptoProviders(null);

    private static volatile CryptoProviders detected;

    private final Provider curves;

    private CryptoProviders(Provider curves) {
        this.curves = curves;
    }

    /** Returns the JDK's providers for every algorithm. */
    public static CryptoProviders jdk() {
        return JDK;
    }

    /**
     * Returns the providers this JVM offers: BouncyCastle for elliptic curves and EdDSA when it is
     * on the class path and not turned off, the JDK otherwise. Decided once, and logged.
     */
    public static CryptoProviders detect() {
        CryptoProviders found = detected;
        if (found == null) {
            synchronized (CryptoProviders.class) {
                found = detected;
                if (found == null) {
                    found = load();
                    detected = found;
                }
            }
        }
        return found;
    }

    /** Returns BouncyCastle for elliptic curves and EdDSA; fails when it is not present. */
    public static CryptoProviders bouncyCastle() {
        Provider provider = bouncyCastleProvider();
        if (provider == null) {
            throw new IllegalStateException("BouncyCastle (org.bouncycastle:bcprov-jdk18on) is not "
                    + "on the class path");
        }
        return new CryptoProviders(provider);
    }

    /** Returns the provider for ECDSA and EdDSA, or null for the JDK's default. */
    Provider curves() {
        return curves;
    }

    /** Returns a name for logs and status: {@code JDK} or the provider's name and version. */
    public String describe() {
        return curves == null ? "JDK" : curves.getName() + " " + curves.getVersionStr();
    }

    private static CryptoProviders load() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            log.info("Verifying every signature with the JDK's providers ({}=false)", PROPERTY);
            return JDK;
        }
        Provider provider = bouncyCastleProvider();
        if (provider == null) {
            log.debug("BouncyCastle is not on the class path: the JDK verifies every signature");
            return JDK;
        }
        log.info("Verifying ES* and EdDSA signatures with {} {} (found on the class path)",
                provider.getName(), provider.getVersionStr());
        return new CryptoProviders(provider);
    }

    private static Provider bouncyCastleProvider() {
        try {
            Class<?> type = Class.forName(BOUNCY_CASTLE, true,
                    CryptoProviders.class.getClassLoader());
            return (Provider) type.getConstructor().newInstance();
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException broken) {
            log.warn("BouncyCastle is on the class path but could not be loaded; the JDK "
                    + "verifies every signature", broken);
            return null;
        }
    }
}
