package dev.retort.migration;

import dev.retort.ops.AlterColumn;
import dev.retort.ops.AlterIdentity;
import dev.retort.ops.AlterSequence;
import dev.retort.ops.ColumnSpec;
import dev.retort.ops.ConstraintType;
import dev.retort.ops.ConstraintSpec;
import dev.retort.ops.ForeignKeySpec;
import dev.retort.ops.IndexSpec;
import dev.retort.ops.Operation;
import dev.retort.ops.TableElement;
import dev.retort.schema.Table;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a revision's {@code upgrade} and {@code downgrade} receive as {@code op}.
 * <p>
 * Table names may be written {@code schema.table}; {@link #inSchema} gives operations bound to one
 * schema, where names are taken literally (use it for names that contain a dot).
 */
public interface Operations {
    // --- tables
    void createTable(String table, TableElement... elements);

    /** A table built with the schema API (autogenerate, model sources). */
    void createTable(Table table);

    void dropTable(String table);

    /** Drop a table whose definition is known: the operation is then reversible. */
    void dropTable(Table table);

    void renameTable(String table, String newName);

    void setTableComment(String table, String comment);

    void dropTableComment(String table);

    // --- columns
    void addColumn(String table, ColumnSpec column);

    void dropColumn(String table, String column);

    /** {@code op.alterColumn("t", "c", a -> a.type(BIGINT).nullable(false).serverDefault("0").newName("n"))}. */
    void alterColumn(String table, String column, Consumer<AlterColumn.Builder> change);

    void renameColumn(String table, String column, String newName);

    /** Sets the column comment; null removes it. */
    void setColumnComment(String table, String column, String comment);

    // --- indexes
    void createIndex(String name, String table, String... columns);

    /** {@code op.createIndex("ix", "t", i -> i.columns("a").expression("lower(b)").unique().where("a > 0").concurrently())}. */
    void createIndex(String name, String table, Consumer<IndexSpec> options);

    void createUniqueIndex(String name, String table, String... columns);

    /** Drops an index; {@code table} is needed on MariaDB/MySQL and may be null elsewhere. */
    void dropIndex(String name, String table);

    void dropIndex(String name);

    // --- constraints
    void createPrimaryKey(String name, String table, String... columns);

    void createUniqueConstraint(String name, String table, String... columns);

    /** @param condition SQL without the CHECK keyword, e.g. {@code price > 0} */
    void createCheckConstraint(String name, String table, String condition);

    /**
     * {@code op.createCheckConstraint("qty_pos", "item", check("qty >= 0").notValid())}: a check given as a spec,
     * for {@link ConstraintSpec#notValid()} (PostgreSQL's {@code NOT VALID}, refused elsewhere).
     */
    void createCheckConstraint(String name, String table, ConstraintSpec check);

    void createForeignKey(String name, String table, List<String> columns, String refTable, List<String> refColumns);

    /** {@code op.createForeignKey("fk", "book", foreignKey("author_id").references("author", "id").onDelete("CASCADE"))}. */
    void createForeignKey(String name, String table, ForeignKeySpec foreignKey);

    /** Drops a constraint by name; MariaDB/MySQL offline needs {@link #dropConstraint(String, String, ConstraintType)}. */
    void dropConstraint(String name, String table);

    void dropConstraint(String name, String table, ConstraintType type);

    /**
     * {@code op.dropForeignKey("post", foreignKey("account_id").references("account", "id").onDelete("CASCADE"))}:
     * drops the foreign key so defined, reversibly (the downgrade creates it again). Named
     * ({@code .named("fk")}), it is dropped by name on every engine. Unnamed, as SQLite's usually are, SQLite
     * drops the unnamed key with these columns, referenced table and columns (preferring the one with
     * these actions); other engines name every key and need its name.
     */
    void dropForeignKey(String table, ForeignKeySpec foreignKey);

    /**
     * {@code op.dropConstraint("account", unique("email"))}, {@code op.dropConstraint("item", check("price > 0"))}:
     * drops the constraint so defined, reversibly. Named, by its name on every engine; unnamed, SQLite
     * drops the unnamed one with these columns (the same condition for a check).
     */
    void dropConstraint(String table, ConstraintSpec constraint);

    /**
     * {@code op.validateConstraint("item", "qty_pos")}: {@code ALTER TABLE item VALIDATE CONSTRAINT qty_pos}
     * (PostgreSQL), which checks the rows a check or foreign key added {@code NOT VALID} left unchecked. Refused on
     * the other engines, whose constraints are always valid. Not reversible: PostgreSQL cannot make a constraint
     * NOT VALID again; a downgrade leaves it validated.
     */
    void validateConstraint(String table, String name);

    // --- sequences and enum types
    void createSequence(String name);

    void createSequence(String name, long start, long increment);

    /**
     * {@code op.createSequence("countdown", s -> s.start(100).increment(-1).minValue(0).maxValue(100))},
     * {@code op.createSequence("ticket", s -> s.type(SMALLINT).maxValue(1000).cycle().cache(20))}: a sequence with the
     * options given, each left out the engine's default.
     */
    void createSequence(String name, Consumer<dev.retort.ops.CreateSequence.Builder> options);

    /**
     * {@code op.alterSequence("s", s -> s.increment(10).existingIncrement(5))}, {@code s -> s.maxValue(1000).existingMaxValue(null)}
     * (null: the default), {@code s -> s.cycle(true).existingCycle(false)}: {@code ALTER SEQUENCE}, which keeps the
     * current value; reversible when the existing values of what changes are given.
     */
    void alterSequence(String name, Consumer<AlterSequence.Builder> change);

    /**
     * {@code op.alterIdentity("invoice", "id", n -> n.start(1000).existingStart(1))}: the numbering of an identity or
     * serial column (PostgreSQL; H2 all but the start), keeping its next number; also its sequence's bounds, cache and
     * cycle ({@code n -> n.maxValue(1000).existingMaxValue(null)}) and, PostgreSQL, a serial's sequence type
     * ({@code n -> n.sequenceType(BIGINT).existingSequenceType(INTEGER)}); reversible when the existing values of what
     * changes are given.
     */
    void alterIdentity(String table, String column, Consumer<AlterIdentity.Builder> change);

    void dropSequence(String name);

    /**
     * PostgreSQL named enum type ({@code CREATE TYPE name AS ENUM (...)}); nothing on engines whose enums are
     * column types (MariaDB, H2, SQLite), so that one revision serves every engine.
     */
    void createEnumType(String name, String... values);

    /** {@code DROP TYPE} on PostgreSQL; nothing on engines without named enum types. */
    void dropEnumType(String name);

    /** PostgreSQL {@code ALTER TYPE name ADD VALUE}; irreversible. */
    void addEnumValue(String typeName, String value);

    /**
     * {@code ALTER TYPE name ADD VALUE IF NOT EXISTS} (PostgreSQL 9.3+): an upgrade that runs again after a
     * downgrade, which leaves the value in place, does not fail on it. What autogenerate writes.
     */
    void addEnumValueIfNotExists(String typeName, String value);

    /**
     * {@code op.addEnumValueIfNotExists("order_status", "refunded", List.of("new", "paid"))}: as above, with the
     * type's values before this one (what autogenerate writes). PostgreSQL needs no more; on engines whose enums
     * are column types (MariaDB, H2) the run changes the {@code ENUM} columns that have exactly these values,
     * and SQLite (enum columns are text) needs no change. See operations.md, "Portable enums".
     */
    void addEnumValueIfNotExists(String typeName, String value, List<String> existingValues);

    /** {@link #addEnumValueIfNotExists(String, String, List)} without {@code IF NOT EXISTS}. */
    void addEnumValue(String typeName, String value, List<String> existingValues);

    // --- data
    /** Runs raw SQL; {@code ?} placeholders take {@code params} (bound online, inlined offline). */
    void execute(String sql, Object... params);

    /** Inserts rows (column name to value) in batches; values are bound online and inlined offline. */
    void bulkInsert(String table, List<? extends Map<String, ?>> rows);

    /** Sends any operation object as is (e.g. one built by autogenerate, or a drop that carries its definition). */
    void invoke(Operation operation);

    /** Operations whose table, sequence and type names live in {@code schema}. */
    Operations inSchema(String schema);

    /** The live connection for data migrations; throws in offline mode. */
    Connection connection();

    MigrationContext context();
}
