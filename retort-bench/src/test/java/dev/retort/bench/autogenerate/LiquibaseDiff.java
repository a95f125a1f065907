package dev.retort.bench.autogenerate;

import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.diff.DiffResult;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.DiffGeneratorFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.function.BiFunction;

/**
 * Liquibase's diff of two databases (snapshot both, compare), for {@link AutogenerateBench}. Test-scoped
 * so Liquibase never reaches Retort's own artifacts; returns the elapsed nanoseconds.
 */
public final class LiquibaseDiff implements BiFunction<String, String, Long> {
    /** Liquibase recurses along foreign-key chains; 1,000 chained tables overflow a default thread stack. */
    @Override
    public Long apply(String referenceUrl, String targetUrl) {
        long[] result = new long[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = diff(referenceUrl, targetUrl);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "liquibase-diff", 1L << 30);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure[0] != null) throw failure[0];
        return result[0];
    }

    private static long diff(String referenceUrl, String targetUrl) {
        try (Connection ref = DriverManager.getConnection(referenceUrl); Connection target = DriverManager.getConnection(targetUrl)) {
            long t0 = System.nanoTime();
            Database a = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(ref));
            Database b = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(target));
            DiffResult result = DiffGeneratorFactory.getInstance().compare(a, b, CompareControl.STANDARD);
            long elapsed = System.nanoTime() - t0;
            if (!result.areEqual()) {
                System.err.println("Liquibase reports differences: missing " + result.getMissingObjects().size()
                        + ", unexpected " + result.getUnexpectedObjects().size() + ", changed " + result.getChangedObjects().size());
            }
            return elapsed;
        } catch (Exception e) {
            throw new IllegalStateException("Liquibase diff failed: " + e.getMessage(), e);
        }
    }
}
