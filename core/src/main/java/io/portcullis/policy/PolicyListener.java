package io.portcullis.policy;

/**
 * Observes a {@link ReloadingPolicy}. Called on the thread that reloaded; implementations
 * should return quickly and must not throw (what they throw is logged and ignored).
 */
public interface PolicyListener {

    /** Called after {@code current} replaced {@code previous}. */
    void reloaded(Policy previous, Policy current);

    /**
     * Called when a changed policy could not be loaded; the previous version stays in force.
     *
     * @param failure a {@link PolicyLoadException} (with its line) or the read failure
     */
    default void reloadFailed(String sourceName, Exception failure) {
    }
}
