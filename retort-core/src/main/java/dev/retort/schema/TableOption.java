package dev.retort.schema;

/**
 * A property of a table that only some engines have, written after its column list. Engines without it
 * ignore it, as Alembic's {@code sqlite_*} table arguments are ignored elsewhere: a revision written for
 * SQLite still runs on the others.
 */
public enum TableOption {
    /** SQLite {@code WITHOUT ROWID}: the primary key is the storage key, there is no rowid (no AUTOINCREMENT). */
    SQLITE_WITHOUT_ROWID("WITHOUT ROWID"),
    /** SQLite {@code STRICT} (3.37+): column types are enforced, and only INT, INTEGER, REAL, TEXT, BLOB, ANY exist. */
    SQLITE_STRICT("STRICT");

    private final String sql;

    TableOption(String sql) {
        this.sql = sql;
    }

    /** The words SQLite writes after the column list. */
    public String sql() {
        return sql;
    }
}
