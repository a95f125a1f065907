package dev.retort.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stands for a Java revision's code in ConsoleLoggerTest, which loads it with a class loader of its own. */
public final class LogsAtEveryLevel implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("J1");

    @Override
    public void run() {
        LOG.trace("trace line");
        LOG.debug("debug line");
        LOG.info("info line");
        LOG.warn("skipped {} invalid rows", 12);
        LOG.error("an error line");
    }
}
