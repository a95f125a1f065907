package dev.retort.migration;

import java.sql.Connection;

/**
 * What a revision's {@code upgrade} and {@code downgrade} receive as {@code op}.
 * SKELETON: the operations issue adds createTable, addColumn, alterColumn, ... here.
 */
public interface Operations {
    /** Runs raw SQL; {@code ?} placeholders take {@code params} (bound online, inlined offline). */
    void execute(String sql, Object... params);

    /** The live connection for data migrations; throws in offline mode. */
    Connection connection();

    MigrationContext context();
}
