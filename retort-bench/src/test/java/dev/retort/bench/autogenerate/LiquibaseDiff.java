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
    @Override
    public Long apply(String referenceUrl, String targetUrl) {
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
