package dev.retort.dialect;

/** Something an engine can or cannot do; each {@link Dialect} lists the features it has. */
public enum Feature {
    /** DDL takes part in transactions (a failed upgrade rolls back its DDL). */
    TRANSACTIONAL_DDL,
    /** ALTER TABLE ... ALTER COLUMN can change a column's type in place. */
    ALTER_COLUMN_TYPE,
    /** ... its nullability in place. */
    ALTER_COLUMN_NULLABILITY,
    /** ... set and drop its server default in place. */
    ALTER_COLUMN_DEFAULT,
    /** ALTER TABLE ... RENAME COLUMN. */
    RENAME_COLUMN,
    /** ALTER TABLE ... DROP COLUMN. */
    DROP_COLUMN,
    /** ALTER TABLE ... ADD/DROP CONSTRAINT (primary key, unique, check, foreign key) in place. */
    ALTER_CONSTRAINTS,
    /** CHECK constraints are enforced. */
    CHECK_CONSTRAINTS,
    /** PostgreSQL's CREATE/DROP INDEX CONCURRENTLY. */
    CONCURRENT_INDEX,
    /** CREATE INDEX ... WHERE. */
    PARTIAL_INDEX,
    /** Index elements that are expressions. */
    EXPRESSION_INDEX,
    /** {@code NULLS FIRST|LAST} after an index element. */
    INDEX_NULLS_ORDER,
    /** Table and column comments. */
    COMMENTS,
    /** CREATE SEQUENCE. */
    SEQUENCES,
    /** Named enum types (CREATE TYPE ... AS ENUM). */
    ENUM_TYPES,
    /** An ENUM('a', 'b') column type. */
    INLINE_ENUM,
    /** A USING expression for column type changes. */
    ALTER_TYPE_USING,
    /**
     * A column's {@code ON UPDATE expression} (MariaDB/MySQL, H2): the value it takes whenever its row is updated.
     * Elsewhere a trigger does that, which Retort does not write.
     */
    COLUMN_ON_UPDATE,
    /** Schemas other than the default one, in qualified names. */
    SCHEMAS,
    /**
     * Foreign keys that are {@code DEFERRABLE [INITIALLY DEFERRED]} (PostgreSQL, SQLite). MariaDB/MySQL has no such
     * clause; H2 2.x accepts a bare {@code DEFERRABLE} and ignores it, checking every key at once.
     */
    DEFERRABLE_FOREIGN_KEYS,
    /**
     * A check or foreign key added {@code NOT VALID}, the rows already there left unchecked, and
     * {@code ALTER TABLE ... VALIDATE CONSTRAINT} (PostgreSQL). MariaDB/MySQL, H2 and SQLite have no such clause.
     */
    NOT_VALID_CONSTRAINTS,
    /**
     * A constraint without a name can be dropped by its definition (SQLite, where constraints are usually
     * unnamed and a table is changed by move-and-copy). Other engines name every constraint themselves.
     */
    DROP_UNNAMED_CONSTRAINT,
    /** {@code ON DELETE SET NULL (col, ...)} / {@code SET DEFAULT (col, ...)}: only the key columns named are set (PostgreSQL 15). */
    FOREIGN_KEY_SET_COLUMNS
}
