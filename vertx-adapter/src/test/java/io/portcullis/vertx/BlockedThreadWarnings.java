package io.portcullis.vertx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Catches the warnings of Vert.x's blocked-thread checker ("Thread ... has been blocked for
 * ... ms"), which it logs through JUL in these tests (see the surefire configuration).
 */
final class BlockedThreadWarnings extends Handler implements AutoCloseable {

    /** The logger the checker writes to, {@code BlockedThreadChecker.LOGGER_NAME}. */
    static final String LOGGER_NAME = "io.vertx.core.impl.BlockedThreadChecker";
    static final String JUL_FACTORY = "io.vertx.core.logging.JULLogDelegateFactory";

    private final Logger logger;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private BlockedThreadWarnings(Logger logger) {
        this.logger = logger;
    }

    /** Starts catching; call after a Vert.x instance exists, once its logging is set up. */
    static BlockedThreadWarnings catchFrom() {
        if (!JUL_FACTORY.equals(System.getProperty("vertx.logger-delegate-factory-class-name"))) {
            throw new IllegalStateException("Vert.x must log through JUL: set the system "
                    + "property vertx.logger-delegate-factory-class-name to " + JUL_FACTORY);
        }
        BlockedThreadWarnings catcher = new BlockedThreadWarnings(Logger.getLogger(LOGGER_NAME));
        catcher.logger.addHandler(catcher);
        return catcher;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getMessage());
        }
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    void clear() {
        warnings.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
