package dev.retort.cli.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The PostgreSQL driver logs through java.util.logging, not SLF4J: with {@code -vv} its lines go to the
 * console like the other drivers' ({@code DEBUG [org.postgresql.core.v3.ConnectionFactoryImpl] ...});
 * otherwise it keeps the JDK's defaults. (The other drivers Retort ships log through SLF4J.)
 */
final class JulDriverLines extends Handler {
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger PGJDBC = java.util.logging.Logger.getLogger("org.postgresql");
    private static final JulDriverLines HANDLER = new JulDriverLines();
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    private JulDriverLines() {
    }

    /** On ({@code -vv}): FINE and above, through SLF4J to the console; off: as the JDK left them. */
    static synchronized void enable(boolean on) {
        PGJDBC.removeHandler(HANDLER);
        if (on) {
            PGJDBC.setLevel(Level.FINE); // FINEST is the wire protocol, as a driver's trace elsewhere
            PGJDBC.setUseParentHandlers(false);
            PGJDBC.addHandler(HANDLER);
        } else {
            PGJDBC.setLevel(null);
            PGJDBC.setUseParentHandlers(true);
        }
    }

    @Override
    public void publish(LogRecord record) {
        Logger to = LoggerFactory.getLogger(record.getLoggerName() == null ? "org.postgresql" : record.getLoggerName());
        String message = MESSAGES.formatMessage(record);
        Throwable t = record.getThrown();
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) to.error(message, t);
        else if (level >= Level.WARNING.intValue()) to.warn(message, t);
        else if (level >= Level.INFO.intValue()) to.info(message, t);
        else to.debug(message, t);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
