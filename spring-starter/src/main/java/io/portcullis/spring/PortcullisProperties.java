package io.portcullis.spring;

import io.portcullis.Portcullis;
import io.portcullis.keys.KeySourceSettings;
import io.portcullis.policy.ReloadingPolicy;
import io.portcullis.policy.RolePreset;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.TokenTypePolicy;
import io.portcullis.token.TokenValidator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code portcullis.*} settings of a Spring Boot service.
 *
 * <p>Issuers set here replace the {@code issuers} section of the policy file as a whole, so a
 * profile ({@code application-prod.yml}) or environment variables
 * ({@code PORTCULLIS_ISSUERS_0_ISSUERURI}) choose the issuers of each environment while every
 * environment shares one rule file. When no issuer is set here, the policy file's issuers are
 * trusted.
 */
@ConfigurationProperties("portcullis")
public class PortcullisProperties {

    /** Whether Portcullis guards this application; false configures nothing at all. */
    private boolean enabled = true;

    /**
     * Location of the policy file: classpath:policy.yaml, a file path, or an https:// URL.
     * Without one, every request needs a valid token from a configured issuer, and endpoint
     * annotations narrow that further.
     */
    private String policy;

    /** How often the policy file is checked for changes; a broken change keeps the old rules. */
    private Duration policyReloadInterval = ReloadingPolicy.DEFAULT_INTERVAL;

    /** The realm of WWW-Authenticate challenges. */
    private String realm = Portcullis.DEFAULT_REALM;

    /** The Retry-After of a 503 answered while an issuer's keys cannot be had. */
    private Duration retryAfter = Portcullis.DEFAULT_RETRY_AFTER;

    /** Longest bearer token accepted, in characters; longer ones are refused unread. */
    private int maxTokenLength = TokenValidator.DEFAULT_MAX_TOKEN_LENGTH;

    /** The trusted issuers; when set, they replace the issuers of the policy file. */
    private List<Issuer> issuers = new ArrayList<>();

    /** How keys are fetched and kept, for every issuer. */
    private final Keys keys = new Keys();

    /** Caches of the token validator. */
    private final Cache cache = new Cache();

    /** The servlet filter that guards every request. */
    private final Filter filter = new Filter();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public Duration getPolicyReloadInterval() {
        return policyReloadInterval;
    }

    public void setPolicyReloadInterval(Duration policyReloadInterval) {
        this.policyReloadInterval = policyReloadInterval;
    }

    public String getRealm() {
        return realm;
    }

    public void setRealm(String realm) {
        this.realm = realm;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    public int getMaxTokenLength() {
        return maxTokenLength;
    }

    public void setMaxTokenLength(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    public List<Issuer> getIssuers() {
        return issuers;
    }

    public void setIssuers(List<Issuer> issuers) {
        this.issuers = issuers;
    }

    public Keys getKeys() {
        return keys;
    }

    public Cache getCache() {
        return cache;
    }

    public Filter getFilter() {
        return filter;
    }

    /** One trusted issuer. */
    public static class Issuer {

        /** The issuer identifier, compared exactly with the iss claim of every token. */
        private String issuerUri;

        /** Whether keys come from the jwks_uri of <issuer>/.well-known/openid-configuration. */
        private boolean discovery;

        /** The discovery document, for an issuer that does not serve it at the usual place. */
        private URI discoveryUri;

        /** Where the issuer publishes its keys, when discovery is not used. */
        private URI jwksUri;

        /**
         * Shared secret (at least 32 bytes, UTF-8) for HS256/HS384/HS512 tokens. Whoever holds
         * it can mint tokens; prefer an issuer with published keys.
         */
        private String sharedSecret;

        /** The audiences of this service; a token must name one of them in aud. */
        private List<String> audiences = new ArrayList<>();

        /** Accept tokens for any audience; tokens minted for other services then work here. */
        private boolean anyAudience;

        /** JWS algorithms accepted, such as RS256; default every asymmetric one, never none. */
        private List<String> algorithms = new ArrayList<>();

        /** Which tokens count as access tokens: any, or access-token (typ at+jwt, RFC 9068). */
        private TokenTypePolicy tokenType = TokenTypePolicy.ANY;

        /** How far clocks may disagree when checking exp, nbf and iat. */
        private Duration clockSkew = IssuerConfig.DEFAULT_CLOCK_SKEW;

        /** Where roles are in the tokens: keycloak, roles or groups. */
        private RolePreset rolePreset = RolePreset.KEYCLOAK;

        public String getIssuerUri() {
            return issuerUri;
        }

        public void setIssuerUri(String issuerUri) {
            this.issuerUri = issuerUri;
        }

        public boolean isDiscovery() {
            return discovery;
        }

        public void setDiscovery(boolean discovery) {
            this.discovery = discovery;
        }

        public URI getDiscoveryUri() {
            return discoveryUri;
        }

        public void setDiscoveryUri(URI discoveryUri) {
            this.discoveryUri = discoveryUri;
        }

        public URI getJwksUri() {
            return jwksUri;
        }

        public void setJwksUri(URI jwksUri) {
            this.jwksUri = jwksUri;
        }

        public String getSharedSecret() {
            return sharedSecret;
        }

        public void setSharedSecret(String sharedSecret) {
            this.sharedSecret = sharedSecret;
        }

        public List<String> getAudiences() {
            return audiences;
        }

        public void setAudiences(List<String> audiences) {
            this.audiences = audiences;
        }

        public boolean isAnyAudience() {
            return anyAudience;
        }

        public void setAnyAudience(boolean anyAudience) {
            this.anyAudience = anyAudience;
        }

        public List<String> getAlgorithms() {
            return algorithms;
        }

        public void setAlgorithms(List<String> algorithms) {
            this.algorithms = algorithms;
        }

        public TokenTypePolicy getTokenType() {
            return tokenType;
        }

        public void setTokenType(TokenTypePolicy tokenType) {
            this.tokenType = tokenType;
        }

        public Duration getClockSkew() {
            return clockSkew;
        }

        public void setClockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
        }

        public RolePreset getRolePreset() {
            return rolePreset;
        }

        public void setRolePreset(RolePreset rolePreset) {
            this.rolePreset = rolePreset;
        }

        /** Names the issuer only: the shared secret stays out of logs. */
        @Override
        public String toString() {
            return "Issuer[" + issuerUri + "]";
        }
    }

    /** How keys are fetched and kept. */
    public static class Keys {

        /** How long a connection to an issuer may take to open. */
        private Duration connectTimeout = KeySourceSettings.DEFAULT_CONNECT_TIMEOUT;

        /** How long a response may take once connected, the whole body included. */
        private Duration readTimeout = KeySourceSettings.DEFAULT_READ_TIMEOUT;

        /** How long keys keep serving past their freshness while the issuer cannot be reached. */
        private Duration staleWindow = KeySourceSettings.DEFAULT_STALE_WINDOW;

        /** How long keys stay fresh when the JWKS response says nothing usable. */
        private Duration cacheLifetime = KeySourceSettings.DEFAULT_CACHE_LIFETIME;

        /** Lower bound of a JWKS response's max-age. */
        private Duration minCacheLifetime = KeySourceSettings.DEFAULT_MIN_CACHE_LIFETIME;

        /** Upper bound of a JWKS response's max-age. */
        private Duration maxCacheLifetime = KeySourceSettings.DEFAULT_MAX_CACHE_LIFETIME;

        /** Least time between two refetches caused by unknown key ids or failures. */
        private Duration refetchCooldown = KeySourceSettings.DEFAULT_REFETCH_COOLDOWN;

        /** Most keys a JWKS may hold; a larger one is refused as a whole. */
        private int maxKeys = KeySourceSettings.DEFAULT_MAX_KEYS;

        /** Largest JWKS or discovery document accepted. */
        private DataSize maxResponseSize =
                DataSize.ofBytes(KeySourceSettings.DEFAULT_MAX_RESPONSE_BYTES);

        /**
         * Allow plain http to hosts other than loopback. Keys fetched without TLS can be
         * replaced by anyone on the path, who can then mint tokens this service accepts.
         */
        private boolean allowInsecureHttp;

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Duration getStaleWindow() {
            return staleWindow;
        }

        public void setStaleWindow(Duration staleWindow) {
            this.staleWindow = staleWindow;
        }

        public Duration getCacheLifetime() {
            return cacheLifetime;
        }

        public void setCacheLifetime(Duration cacheLifetime) {
            this.cacheLifetime = cacheLifetime;
        }

        public Duration getMinCacheLifetime() {
            return minCacheLifetime;
        }

        public void setMinCacheLifetime(Duration minCacheLifetime) {
            this.minCacheLifetime = minCacheLifetime;
        }

        public Duration getMaxCacheLifetime() {
            return maxCacheLifetime;
        }

        public void setMaxCacheLifetime(Duration maxCacheLifetime) {
            this.maxCacheLifetime = maxCacheLifetime;
        }

        public Duration getRefetchCooldown() {
            return refetchCooldown;
        }

        public void setRefetchCooldown(Duration refetchCooldown) {
            this.refetchCooldown = refetchCooldown;
        }

        public int getMaxKeys() {
            return maxKeys;
        }

        public void setMaxKeys(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        public DataSize getMaxResponseSize() {
            return maxResponseSize;
        }

        public void setMaxResponseSize(DataSize maxResponseSize) {
            this.maxResponseSize = maxResponseSize;
        }

        public boolean isAllowInsecureHttp() {
            return allowInsecureHttp;
        }

        public void setAllowInsecureHttp(boolean allowInsecureHttp) {
            this.allowInsecureHttp = allowInsecureHttp;
        }
    }

    /** Caches of the token validator. */
    public static class Cache {

        /**
         * How many verified tokens are kept, so a token seen again skips the signature check;
         * 0 verifies every token.
         */
        private long verifiedTokens = 10_000;

        public long getVerifiedTokens() {
            return verifiedTokens;
        }

        public void setVerifiedTokens(long verifiedTokens) {
            this.verifiedTokens = verifiedTokens;
        }
    }

    /** The servlet filter. */
    public static class Filter {

        /**
         * Order of the filter: before Spring Security's filter chain (-100), so that the chain
         * sees the verified caller.
         */
        private int order = PortcullisAutoConfiguration.DEFAULT_FILTER_ORDER;

        public int getOrder() {
            return order;
        }

        public void setOrder(int order) {
            this.order = order;
        }
    }
}
