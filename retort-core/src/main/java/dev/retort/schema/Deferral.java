package dev.retort.schema;

/**
 * When a foreign key is checked: SQL's {@code [NOT] DEFERRABLE [INITIALLY IMMEDIATE|DEFERRED]}. PostgreSQL and
 * SQLite have it; MariaDB/MySQL and H2 check every key at once and have no such clause.
 */
public enum Deferral {
    /** The default: checked at each statement, {@code SET CONSTRAINTS} cannot change that. */
    NOT_DEFERRABLE(""),
    /** {@code DEFERRABLE INITIALLY IMMEDIATE}: checked at each statement unless a transaction defers it. */
    INITIALLY_IMMEDIATE("DEFERRABLE INITIALLY IMMEDIATE"),
    /** {@code DEFERRABLE INITIALLY DEFERRED}: checked at COMMIT (Django makes every key so). */
    INITIALLY_DEFERRED("DEFERRABLE INITIALLY DEFERRED");

    private final String sql;

    Deferral(String sql) {
        this.sql = sql;
    }

    /** The clause as written after the referential actions; empty for {@link #NOT_DEFERRABLE}. */
    public String sql() {
        return sql;
    }

    public boolean deferrable() {
        return this != NOT_DEFERRABLE;
    }

    /**
     * From the catalog's two flags (PostgreSQL's {@code condeferrable}/{@code condeferred}, SQLite's parsed clause).
     */
    public static Deferral of(boolean deferrable, boolean initiallyDeferred) {
        return !deferrable ? NOT_DEFERRABLE : initiallyDeferred ? INITIALLY_DEFERRED : INITIALLY_IMMEDIATE;
    }
}
