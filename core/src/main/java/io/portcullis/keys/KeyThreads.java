package io.portcullis.keys;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the threads that fetch and refresh keys: daemons, named for thread dumps, and with this
 * library's own class loader as context class loader. A thread that inherited the context class
 * loader of whichever request happened to start it would pin that web application's class
 * loader for as long as it lives, and containers rightly warn about it.
 */
final class KeyThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    KeyThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(KeyThreads.class.getClassLoader());
        return thread;
    }
}
