package dev.retort.cli.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoggerTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final Logger log = LoggerFactory.getLogger("dev.retort.runtime.Test");

    @AfterEach
    void reset() {
        ConsoleLog.configure(1, false, System.err);
    }

    private String logged() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoLinesReadLikeAlembic() {
        ConsoleLog.configure(1, false, stream);
        log.info("Running upgrade {} -> {}, {}", "", "ae1027a6acf1", "add account");
        log.debug("not shown");
        assertThat(logged()).isEqualTo("INFO  [retort] Running upgrade  -> ae1027a6acf1, add account" + System.lineSeparator());
    }

    /** check reflects model and database alike: the same warning about the same object prints once per command. */
    @Test
    void retortsSameWarningPrintsOncePerCommand() {
        ConsoleLog.configure(1, false, stream);
        log.warn("Constraint {} has DEFERRABLE", "c_p_fk");
        log.warn("Constraint {} has DEFERRABLE", "c_q_fk");
        log.warn("Constraint {} has DEFERRABLE", "c_p_fk");
        LoggerFactory.getLogger("org.example.Revision").warn("not Retort's: {}", "each time");
        assertThat(logged()).isEqualTo("WARN  [retort] Constraint c_p_fk has DEFERRABLE" + System.lineSeparator()
                + "WARN  [retort] Constraint c_q_fk has DEFERRABLE" + System.lineSeparator());
        ConsoleLog.configure(1, false, stream); // the next command (tests run many in one JVM) warns again
        log.warn("Constraint {} has DEFERRABLE", "c_p_fk");
        assertThat(logged()).endsWith("WARN  [retort] Constraint c_q_fk has DEFERRABLE" + System.lineSeparator()
                + "WARN  [retort] Constraint c_p_fk has DEFERRABLE" + System.lineSeparator());
    }

    @Test
    void quietKeepsOnlyWarningsAndErrors() {
        ConsoleLog.configure(0, false, stream);
        log.info("hidden");
        log.warn("careful");
        assertThat(logged()).isEqualTo("WARN  [retort] careful" + System.lineSeparator());
    }

    @Test
    void verboseShowsDebugAndTheLoggerName() {
        ConsoleLog.configure(2, false, stream);
        log.debug("detail");
        assertThat(logged()).contains("DEBUG [dev.retort.runtime.Test] detail");
    }

    @Test
    void librariesLogOnlyWhenVeryVerbose() {
        Logger driver = LoggerFactory.getLogger("org.mariadb.jdbc.message.server.ErrorPacket");
        ConsoleLog.configure(1, false, stream);
        driver.warn("Error: 1146-42S02: Table 'db.retort_version' doesn't exist");
        driver.error("boom");
        ConsoleLog.configure(2, false, stream);
        driver.debug("execute query: SELECT 1");
        assertThat(logged()).isEmpty();
        ConsoleLog.configure(3, false, stream);
        driver.trace("read: conn=-1 (M)");
        driver.warn("Error: 1146");
        assertThat(logged()).isEqualTo("WARN  [org.mariadb.jdbc.message.server.ErrorPacket] Error: 1146" + System.lineSeparator());
    }

    /**
     * t29-3: a Java revision's loggers (its class is loaded by a loader of the project's, not with the command line)
     * show as Retort's own lines do, under their own name; a driver's logger of the same name stays hidden.
     */
    @Test
    void aRevisionsLinesShowAsRetortsDo() throws Exception {
        Runnable revision = loadedAsARevisionIs(dev.retort.cli.LogsAtEveryLevel.class);
        Logger driver = LoggerFactory.getLogger("J1");
        ConsoleLog.configure(1, false, stream);
        revision.run();
        driver.warn("a driver's line");
        String nl = System.lineSeparator();
        assertThat(logged()).isEqualTo("INFO  [J1] info line" + nl + "WARN  [J1] skipped 12 invalid rows" + nl
                + "ERROR [J1] an error line" + nl);
        buffer.reset();
        ConsoleLog.configure(0, false, stream);
        revision.run();
        assertThat(logged()).isEqualTo("WARN  [J1] skipped 12 invalid rows" + nl + "ERROR [J1] an error line" + nl);
        buffer.reset();
        ConsoleLog.configure(2, false, stream);
        revision.run();
        assertThat(logged()).startsWith("DEBUG [J1] debug line" + nl).doesNotContain("trace line");
    }

    /** The class as a Java revision's is loaded: defined by a loader of its own, which sees the command line's classes. */
    private static Runnable loadedAsARevisionIs(Class<? extends Runnable> c) throws Exception {
        byte[] bytes;
        try (java.io.InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            bytes = in.readAllBytes();
        }
        ClassLoader own = new ClassLoader("retort-revisions", ConsoleLoggerTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals(c.getName())) return super.loadClass(name, resolve);
                synchronized (getClassLoadingLock(name)) {
                    Class<?> done = findLoadedClass(name);
                    return done != null ? done : defineClass(name, bytes, 0, bytes.length);
                }
            }
        };
        return (Runnable) own.loadClass(c.getName()).getDeclaredConstructor().newInstance();
    }

    @Test
    void aDriversLinesNeverShowAPassword() {
        ConsoleLog.configure(3, false, stream);
        LoggerFactory.getLogger("org.postgresql.Driver").debug("Connecting with URL: jdbc:postgresql://h/db?user=u&password=sekrit");
        LoggerFactory.getLogger("org.mariadb.jdbc.Driver").debug("url mariadb://root:sekrit@h/db");
        assertThat(logged()).doesNotContain("sekrit")
                .contains("Connecting with URL: jdbc:postgresql://h/db?user=u&password=***")
                .contains("url mariadb://root:***@h/db");
    }

    /** pgjdbc logs through java.util.logging: shown with -vv only, and the JDK's defaults restored after. */
    @Test
    void thePostgresDriversJavaUtilLoggingLinesShowWithVeryVerbose() {
        java.util.logging.Logger pg = java.util.logging.Logger.getLogger("org.postgresql.core.v3.ConnectionFactoryImpl");
        ConsoleLog.configure(2, false, stream);
        pg.log(java.util.logging.Level.FINE, "Trying to establish a protocol version 3 connection to {0}", "h:5432");
        assertThat(logged()).isEmpty();
        ConsoleLog.configure(3, false, stream);
        pg.log(java.util.logging.Level.FINE, "Trying to establish a protocol version 3 connection to {0}", "h:5432");
        pg.log(java.util.logging.Level.FINEST, " FE=> StartupPacket");
        pg.log(java.util.logging.Level.WARNING, "careful");
        assertThat(logged()).isEqualTo(
                "DEBUG [org.postgresql.core.v3.ConnectionFactoryImpl] Trying to establish a protocol version 3 connection to h:5432"
                        + System.lineSeparator() + "WARN  [org.postgresql.core.v3.ConnectionFactoryImpl] careful" + System.lineSeparator());
        ConsoleLog.configure(1, false, stream);
        java.util.logging.Logger parent = java.util.logging.Logger.getLogger("org.postgresql");
        assertThat(parent.getHandlers()).isEmpty();
        assertThat(parent.getLevel()).isNull();
        assertThat(parent.getUseParentHandlers()).isTrue();
    }

    @Test
    void colourOnlyWhenAsked() {
        ConsoleLog.configure(1, true, stream);
        log.info("x");
        assertThat(logged()).contains("\u001b[32mINFO \u001b[0m");
        buffer.reset();
        ConsoleLog.configure(1, false, stream);
        log.info("x");
        assertThat(logged()).doesNotContain("\u001b[");
    }

    /** -vv's stack trace keeps Retort's own messages as the one-line failure prints them; a driver's is masked. */
    @Test
    void aStackTraceMasksTheDriversMessagesButNotRetortsOwn() {
        Exception driver = new java.sql.SQLException("Access denied: IDENTIFIED BY 'sekrit2024'");
        Exception own = new dev.retort.RetortException("Can't locate revision identified by 'ae1027a6acf1'", driver);
        String trace = ConsoleLog.stackTrace(own);
        assertThat(trace).contains("RetortException: Can't locate revision identified by 'ae1027a6acf1'")
                .contains("SQLException: Access denied: IDENTIFIED BY '***'")
                .doesNotContain("sekrit2024");
    }
}
