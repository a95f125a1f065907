package dev.retort.runtime;

import dev.retort.dialect.registry.Dialects;

import java.sql.Connection;
import java.sql.DriverManager;

/** A separate JVM for {@link ConcurrencyIT}: upgrades {@code args[0]} with a chain of {@code args[1]} revisions. */
public final class ConcurrentUpgradeMain {
    private ConcurrentUpgradeMain() {
    }

    public static void main(String[] args) throws Exception {
        TestRevisions revs = TestRevisions.chain(Integer.parseInt(args[1]));
        try (Connection c = DriverManager.getConnection(args[0])) {
            Migrator m = new Migrator(c, Dialects.forJdbcUrl(args[0]), RuntimeSettings.defaults(), revs);
            RunResult r = m.run(revs::upgradeAll, false, null);
            System.out.println("applied " + r.applied().size());
        }
    }
}
