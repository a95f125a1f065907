package dev.retort.bench.runtime;

import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;

import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Runs Flyway or Liquibase once, as its own process, on the benchmark's workload (started by
 * {@link RuntimeBench}). Test-scoped so the peers never reach Retort's own artifacts.
 * Usage: PeerMain flyway|flyway-info|liquibase|liquibase-status JDBC_URL DIR
 */
public final class PeerMain {
    private PeerMain() {
    }

    public static void main(String[] args) throws Exception {
        String tool = args[0];
        String url = args[1];
        Path dir = Path.of(args[2]);
        switch (tool) {
            case "flyway", "flyway-info" -> {
                Flyway flyway = Flyway.configure().dataSource(url, null, null)
                        .locations("filesystem:" + dir).load();
                if (tool.equals("flyway")) {
                    System.out.println("applied " + flyway.migrate().migrationsExecuted);
                } else {
                    System.out.println("current " + flyway.info().current().getVersion());
                }
            }
            case "liquibase", "liquibase-status" -> {
                try (Connection c = DriverManager.getConnection(url)) {
                    Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                    try (Liquibase lb = new Liquibase("changelog.sql", new DirectoryResourceAccessor(dir), db)) {
                        if (tool.equals("liquibase")) {
                            lb.update("");
                            System.out.println("applied");
                        } else {
                            StringWriter out = new StringWriter();
                            lb.reportStatus(false, "", out);
                            System.out.println(out.toString().lines().findFirst().orElse(""));
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown tool " + tool);
        }
    }
}
