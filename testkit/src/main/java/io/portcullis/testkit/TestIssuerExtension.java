package io.portcullis.testkit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension running one {@link TestIssuer} for a test class.
 *
 * <pre>{@code
 * class OrdersApiTest {
 *     @RegisterExtension
 *     static TestIssuerExtension issuer = TestIssuerExtension.create();
 *
 *     @Test
 *     void adminMayDelete() {
 *         String token = issuer.token().realmRoles("admin").sign();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Registered on a static field (or with {@code @ExtendWith(TestIssuerExtension.class)}), the
 * issuer starts once before the class's tests, or on first use, and is closed after them,
 * {@code @Nested} classes included. Registered on an instance field, it lives for one test.
 * Before each test the issuer is {@linkplain TestIssuer#reset() reset}: faults end, counters go
 * to zero and a stopped server is started again; keys, clients and users stay.
 *
 * <p>Every {@link TestIssuer} method is available on the extension itself, and a test or
 * lifecycle method may take a {@code TestIssuer} parameter. Limitation: resetting between tests
 * assumes the tests of a class do not run in parallel against one issuer.
 */
public final class TestIssuerExtension implements BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final TestIssuer.Builder builder;
    private TestIssuer issuer;
    private int classLevels;

    /** Creates an extension for an issuer with default settings; for {@code @ExtendWith}. */
    public TestIssuerExtension() {
        this(TestIssuer.builder());
    }

    private TestIssuerExtension(TestIssuer.Builder builder) {
        this.builder = builder;
    }

    /** Returns an extension for an issuer with default settings. */
    public static TestIssuerExtension create() {
        return new TestIssuerExtension();
    }

    /** Returns an extension for an issuer configured by {@code builder}. */
    public static TestIssuerExtension create(TestIssuer.Builder builder) {
        return new TestIssuerExtension(Objects.requireNonNull(builder, "builder"));
    }

    /** Returns the issuer, starting it if no test has yet. */
    public synchronized TestIssuer get() {
        if (issuer == null) {
            issuer = builder.start();
        }
        return issuer;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        classLevels++;
        get();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        classLevels--;
        if (classLevels == 0) {
            closeIssuer();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        get().reset();
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (classLevels == 0) {
            closeIssuer();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestIssuer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get();
    }

    private void closeIssuer() {
        if (issuer != null) {
            issuer.close();
            issuer = null;
        }
    }

    /** See {@link TestIssuer#issuer()}. */
    public String issuer() {
        return get().issuer();
    }

    /** See {@link TestIssuer#discoveryUri()}. */
    public URI discoveryUri() {
        return get().discoveryUri();
    }

    /** See {@link TestIssuer#jwksUri()}. */
    public URI jwksUri() {
        return get().jwksUri();
    }

    /** See {@link TestIssuer#tokenEndpoint()}. */
    public URI tokenEndpoint() {
        return get().tokenEndpoint();
    }

    /** See {@link TestIssuer#realm()}. */
    public String realm() {
        return get().realm();
    }

    /** See {@link TestIssuer#server()}. */
    public TestIssuerServer server() {
        return get().server();
    }

    /** See {@link TestIssuer#clock()}. */
    public Clock clock() {
        return get().clock();
    }

    /** See {@link TestIssuer#token()}. */
    public TokenBuilder token() {
        return get().token();
    }

    /** See {@link TestIssuer#idToken()}. */
    public TokenBuilder idToken() {
        return get().idToken();
    }

    /** See {@link TestIssuer#activeKeyId()}. */
    public String activeKeyId() {
        return get().activeKeyId();
    }

    /** See {@link TestIssuer#activeAlgorithm()}. */
    public JWSAlgorithm activeAlgorithm() {
        return get().activeAlgorithm();
    }

    /** See {@link TestIssuer#rotateKey()}. */
    public String rotateKey() {
        return get().rotateKey();
    }

    /** See {@link TestIssuer#rotateKey(JWSAlgorithm)}. */
    public String rotateKey(JWSAlgorithm algorithm) {
        return get().rotateKey(algorithm);
    }

    /** See {@link TestIssuer#addKey(JWSAlgorithm)}. */
    public String addKey(JWSAlgorithm algorithm) {
        return get().addKey(algorithm);
    }

    /** See {@link TestIssuer#retireKey(String)}. */
    public void retireKey(String keyId) {
        get().retireKey(keyId);
    }

    /** See {@link TestIssuer#publishedKeyIds()}. */
    public List<String> publishedKeyIds() {
        return get().publishedKeyIds();
    }

    /** See {@link TestIssuer#encryptionKeyId()}. */
    public Optional<String> encryptionKeyId() {
        return get().encryptionKeyId();
    }

    /** See {@link TestIssuer#publicJwks()}. */
    public JWKSet publicJwks() {
        return get().publicJwks();
    }

    /** See {@link TestIssuer#sharedSecret()}. */
    public byte[] sharedSecret() {
        return get().sharedSecret();
    }

    /** See {@link TestIssuer#registerClient(String, String)}. */
    public void registerClient(String clientId, String secret) {
        get().registerClient(clientId, secret);
    }

    /** See {@link TestIssuer#registerClient(String, String, Consumer)}. */
    public void registerClient(String clientId, String secret, Consumer<TokenBuilder> claims) {
        get().registerClient(clientId, secret, claims);
    }

    /** See {@link TestIssuer#registerUser(String, String)}. */
    public void registerUser(String username, String password) {
        get().registerUser(username, password);
    }

    /** See {@link TestIssuer#registerUser(String, String, Consumer)}. */
    public void registerUser(String username, String password, Consumer<TokenBuilder> claims) {
        get().registerUser(username, password, claims);
    }

    /** See {@link TestIssuer#failWith(int)}. */
    public void failWith(int status) {
        get().failWith(status);
    }

    /** See {@link TestIssuer#hang()}. */
    public void hang() {
        get().hang();
    }

    /** See {@link TestIssuer#serveGarbage()}. */
    public void serveGarbage() {
        get().serveGarbage();
    }

    /** See {@link TestIssuer#serveJwks(String)}. */
    public void serveJwks(String body) {
        get().serveJwks(body);
    }

    /** See {@link TestIssuer#serveDiscovery(String)}. */
    public void serveDiscovery(String body) {
        get().serveDiscovery(body);
    }

    /** See {@link TestIssuer#recover()}. */
    public void recover() {
        get().recover();
    }

    /** See {@link TestIssuer#cacheControl(String)}. */
    public void cacheControl(String value) {
        get().cacheControl(value);
    }

    /** See {@link TestIssuer#jwksRequests()}. */
    public int jwksRequests() {
        return get().jwksRequests();
    }

    /** See {@link TestIssuer#discoveryRequests()}. */
    public int discoveryRequests() {
        return get().discoveryRequests();
    }

    /** See {@link TestIssuer#tokenRequests()}. */
    public int tokenRequests() {
        return get().tokenRequests();
    }

    /** See {@link TestIssuer#resetCounts()}. */
    public void resetCounts() {
        get().resetCounts();
    }

    /** See {@link TestIssuer#reset()}. */
    public void reset() {
        get().reset();
    }

    /** See {@link TestIssuer#stop()}. */
    public void stop() {
        get().stop();
    }

    /** See {@link TestIssuer#restart()}. */
    public void restart() {
        get().restart();
    }

    /** See {@link TestIssuer#isRunning()}. */
    public boolean isRunning() {
        return get().isRunning();
    }

    @Override
    public String toString() {
        return "TestIssuerExtension[" + (issuer == null ? "not started" : issuer) + "]";
    }
}
