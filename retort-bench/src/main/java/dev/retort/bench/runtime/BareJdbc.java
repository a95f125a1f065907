package dev.retort.bench.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The floor for any JVM migration tool on this workload: a JVM that opens one JDBC connection, runs the
 * statements of {@code all.sql} one by one in one transaction and commits. Nothing else: no config, no
 * revision files, no version or history table, no lock, no logging. {@link RuntimeBench} runs it with the
 * launcher's JVM flags and its own class-data archive, so that what Retort adds above it can be told
 * from what the JVM and the driver cost.
 * <p>
 * Usage: {@code BareJdbc URL FILE}; statements in FILE end with {@code ;} at the end of a line.
 */
public final class BareJdbc {
    private BareJdbc() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String[] statements = Files.readString(Path.of(args[1])).split(";\n");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                if (!sql.isBlank()) s.execute(sql);
            }
            c.commit();
        }
    }
}
