package io.portcullis.keys;

import java.net.URI;
import java.util.Locale;

/** Decides which addresses keys and discovery documents may be fetched from. */
final class FetchUris {

    private FetchUris() {
    }

    /**
     * Returns why {@code uri} may not be fetched from, or null when it may: it must be absolute
     * https, or plain http to a loopback host, or plain http anywhere when the settings allow it.
     *
     * <p>Keys fetched without TLS can be replaced by anyone on the path, who can then mint tokens
     * this service accepts; on loopback there is no path to sit on.
     */
    static String refusal(URI uri, KeySourceSettings settings) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "keys must come over https, not from " + uri;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "the address " + uri + " names no host";
        }
        if (uri.getRawUserInfo() != null) {
            return "the address " + uri.getHost() + " carries user information";
        }
        if (scheme.equals("http") && !settings.allowInsecureHttp()
                && !LoopbackAddresses.isLoopback(uri.getHost())) {
            return "plain http is allowed only to loopback addresses, not " + uri
                    + "; use https, or KeySourceSettings.allowInsecureHttp(true) if the network "
                    + "is trusted";
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} when {@code uri} may not be fetched from. */
    static URI check(String issuer, URI uri, KeySourceSettings settings) {
        String refusal = refusal(uri, settings);
        if (refusal != null) {
            throw new IllegalArgumentException("Issuer " + issuer + ": " + refusal);
        }
        return uri;
    }
}
