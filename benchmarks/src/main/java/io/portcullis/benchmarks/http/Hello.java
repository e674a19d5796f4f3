package io.portcullis.benchmarks.http;

/**
 * What every server of the measurement answers: the same paths, bodies and content type, each
 * written the way a hello-world of its framework writes a string.
 */
final class Hello {

    /** The path measured: the policy requires {@link #ROLE} for it. */
    static final String PATH = "/hello";
    /** A path the policy makes public. */
    static final String PUBLIC_PATH = "/health";
    /** The realm role the policy requires for {@link #PATH}. */
    static final String ROLE = "reader";
    /** The body of {@link #PATH}. */
    static final String BODY = "Hello, world!";
    /** The body of {@link #PUBLIC_PATH}. */
    static final String PUBLIC_BODY = "up";
    static final String CONTENT_TYPE = "text/plain;charset=utf-8";

    private Hello() {
    }

    /** Returns the body of {@code path}: {@link #PUBLIC_BODY} for the public path. */
    static String bodyOf(String path) {
        return PUBLIC_PATH.equals(path) ? PUBLIC_BODY : BODY;
    }
}
