package io.portcullis.testkit;

import java.util.function.BooleanSupplier;

/**
 * The fault the discovery and JWKS endpoints of one issuer simulate, switchable while requests
 * arrive. A hanging request waits on this object's monitor until the fault changes or the
 * request is to be dropped.
 */
final class Faults {

    enum Mode { NONE, FAIL, HANG, GARBAGE }

    /** What one request should do, read once so a switch mid-request stays consistent. */
    record State(Mode mode, int status, String jwksBody, String discoveryBody) {
    }

    private static final State HEALTHY = new State(Mode.NONE, 0, null, null);

    private final Object lock = new Object();
    private State state = HEALTHY;

    State current() {
        synchronized (lock) {
            return state;
        }
    }

    void failWith(int status) {
        update(new State(Mode.FAIL, status, null, null));
    }

    void hang() {
        update(new State(Mode.HANG, 0, null, null));
    }

    void serveGarbage() {
        update(new State(Mode.GARBAGE, 0, null, null));
    }

    void serveJwks(String body) {
        synchronized (lock) {
            update(new State(Mode.NONE, 0, body, state.discoveryBody));
        }
    }

    void serveDiscovery(String body) {
        synchronized (lock) {
            update(new State(Mode.NONE, 0, state.jwksBody, body));
        }
    }

    void recover() {
        update(HEALTHY);
    }

    /**
     * Blocks while the mode is {@link Mode#HANG} and {@code dropped} is false, then returns the
     * state to serve; {@link #wakeAll()} makes waiters look again.
     */
    State awaitUnlessHanging(BooleanSupplier dropped) throws InterruptedException {
        synchronized (lock) {
            while (state.mode == Mode.HANG && !dropped.getAsBoolean()) {
                lock.wait();
            }
            return state;
        }
    }

    /** Wakes hanging requests so that they check whether they are to be dropped. */
    void wakeAll() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private void update(State next) {
        synchronized (lock) {
            state = next;
            lock.notifyAll();
        }
    }
}
