package dev.retort.cli.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The PostgreSQL driver logs through java.util.logging, not SLF4J: with {@code -vv} its lines go to the
 * console like the other drivers' ({@code DEBUG [org.postgresql.core.v3.ConnectionFactoryImpl] ...}).
 * Without it they are hidden like theirs: the JDK's own console handler printed pgjdbc's WARNINGs on stderr
 * whatever the verbosity, a URL it could not parse with its password among them (t14-6, t14-11). So every
 * java.util.logging line goes through this handler, to SLF4J, where the console logger hides a library's
 * lines below {@code -vv} and masks passwords in them ({@link Configuration#routeAllLines}). (The other drivers Retort ships
 * log through SLF4J.)
 */
public final class JulDriverLines extends Handler {
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger PGJDBC = java.util.logging.Logger.getLogger("org.postgresql");
    private static final JulDriverLines HANDLER = new JulDriverLines();
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    /** For java.util.logging's LogManager, which makes the handlers its configuration names. */
    public JulDriverLines() {
    }

    /** java.util.logging's configuration: this handler on the root logger, INFO and above, as the JDK's default. */
    public static final class Configuration {
        /**
         * Makes java.util.logging, once something first uses it, send every line here rather than to the JDK's
         * console handler, unless the user configured it ({@code -Djava.util.logging.config.file} or
         * {@code .class}). Only a system property is set: java.util.logging's set-up costs start-up time, and a
         * run that never loads pgjdbc never pays it. Called before anything can log, and kept apart from
         * {@link JulDriverLines}, whose loggers would set java.util.logging up at once (the head start parses the
         * URL with pgjdbc on another thread, which logs a bad port at WARNING).
         */
        static void routeAllLines() {
            if (System.getProperty("java.util.logging.config.file") == null
                    && System.getProperty("java.util.logging.config.class") == null) {
                System.setProperty("java.util.logging.config.class", Configuration.class.getName());
            }
        }

        public Configuration() throws java.io.IOException {
            String properties = "handlers=" + JulDriverLines.class.getName() + "\n.level=INFO\n";
            java.util.logging.LogManager.getLogManager().readConfiguration(
                    new java.io.ByteArrayInputStream(properties.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
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
