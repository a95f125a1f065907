package dev.retort.dialect.registry;

import dev.retort.RetortException;
import dev.retort.config.DatabaseUrls;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.h2.H2Dialect;
import dev.retort.dialect.mariadb.MariaDbDialect;
import dev.retort.dialect.postgresql.PostgresDialect;
import dev.retort.dialect.sqlite.SqliteDialect;

import java.util.Locale;

/**
 * Picks the dialect for a JDBC URL or a dialect name: a fixed table of the engines Retort has, kept out of
 * {@code dialect} because it names every engine package and each of those depends on {@code dialect} (SPEC 9: no
 * package cycles). No ServiceLoader and no class-path scan: the lookup is a switch, and only the chosen engine's
 * classes are loaded (start-up, retort-bench/docs/startup.md).
 */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forJdbcUrl(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) return forName("sqlite");
        if (u.startsWith("jdbc:postgresql:")) return forName("postgresql");
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) return forName("mariadb");
        if (u.startsWith("jdbc:h2:")) return forName("h2");
        throw new RetortException("Unsupported database URL (supported: sqlite, postgresql, mariadb/mysql, h2): "
                + DatabaseUrls.mask(jdbcUrl).replaceAll("(?<=:)[^:/@]*@", "***@"));
    }

    public static Dialect forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> new SqliteDialect();
            case "postgresql", "postgres" -> new PostgresDialect();
            case "mariadb", "mysql" -> new MariaDbDialect();
            case "h2" -> new H2Dialect();
            default -> throw new RetortException("Unknown dialect '" + name + "' (known: sqlite, postgresql, mariadb, h2)");
        };
    }
}
