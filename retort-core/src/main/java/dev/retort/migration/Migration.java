package dev.retort.migration;

import dev.retort.ops.ColumnSpec;
import dev.retort.ops.ConstraintSpec;
import dev.retort.ops.ForeignKeySpec;
import dev.retort.ops.IndexSpec;
import dev.retort.ops.TableComment;
import dev.retort.ops.TableOptionSpec;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SqlType;
import dev.retort.schema.SqlType.Kind;
import dev.retort.schema.TableOption;
import dev.retort.schema.UniqueConstraint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of Java revisions. Column and type helpers declared here are usable unqualified in
 * subclasses ({@code column("id", INTEGER).primaryKey()}, {@code string(50)}, {@code TIMESTAMP}),
 * and elsewhere through {@code import static dev.retort.migration.Migration.*}.
 * A revision that does not override {@link #downgrade} is irreversible.
 */
public abstract class Migration {

    /**
     * The revision's changes. Declared {@code throws Exception} (as Flyway's {@code JavaMigration.migrate}): the JDBC
     * calls of a data step on {@link Operations#connection()} need no wrapping, and any exception thrown fails the
     * run, which names it, the revision and the revision's line, and rolls back.
     */
    public abstract void upgrade(Operations op) throws Exception;

    /** Undoes {@link #upgrade}; as it, may throw any exception. */
    public void downgrade(Operations op) throws Exception {
        throw new IrreversibleMigrationException(getClass().getName());
    }

    /** True when this class (or a superclass below Migration) overrides {@code downgrade}. */
    public boolean isReversible() {
        try {
            return getClass().getMethod("downgrade", Operations.class).getDeclaringClass() != Migration.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- portable types

    public static final SqlType BOOLEAN = SqlType.of(Kind.BOOLEAN);
    public static final SqlType SMALLINT = SqlType.of(Kind.SMALLINT);
    public static final SqlType INTEGER = SqlType.of(Kind.INTEGER);
    public static final SqlType BIGINT = SqlType.of(Kind.BIGINT);
    /** Single-precision floating point. */
    public static final SqlType REAL = SqlType.of(Kind.REAL);
    public static final SqlType DOUBLE = SqlType.of(Kind.DOUBLE);
    /** Unbounded text. */
    public static final SqlType TEXT = SqlType.of(Kind.TEXT);
    public static final SqlType DATE = SqlType.of(Kind.DATE);
    public static final SqlType TIME = SqlType.time(false);
    /** Timestamp without time zone. */
    public static final SqlType TIMESTAMP = SqlType.timestamp(false);
    /** Timestamp with time zone (MariaDB/MySQL: TIMESTAMP, stored as UTC). */
    public static final SqlType TIMESTAMPTZ = SqlType.timestamp(true);
    public static final SqlType BLOB = SqlType.of(Kind.BLOB);
    public static final SqlType UUID = SqlType.of(Kind.UUID);
    public static final SqlType JSON = SqlType.of(Kind.JSON);
    public static final SqlType INTERVAL = SqlType.of(Kind.INTERVAL);

    /** VARCHAR(n). */
    public static SqlType string(int length) {
        return SqlType.string(length);
    }

    /** VARCHAR without a length where the engine allows it (PostgreSQL, H2, SQLite). */
    public static SqlType string() {
        return SqlType.of(Kind.STRING);
    }

    /** CHAR(n). */
    public static SqlType chars(int length) {
        return SqlType.chars(length);
    }

    public static SqlType numeric(int precision, int scale) {
        return SqlType.numeric(precision, scale);
    }

    public static SqlType numeric(int precision) {
        return SqlType.numeric(precision, 0);
    }

    /** NUMERIC without precision: any number of digits on PostgreSQL, H2 and SQLite; MariaDB: DECIMAL(65, 30). */
    public static SqlType numeric() {
        return SqlType.of(Kind.NUMERIC);
    }

    /** VARBINARY(n) (PostgreSQL: BYTEA). */
    public static SqlType binary(int length) {
        return SqlType.binary(length);
    }

    public static SqlType timestamp(boolean withTimeZone) {
        return SqlType.timestamp(withTimeZone);
    }

    public static SqlType time(boolean withTimeZone) {
        return SqlType.time(withTimeZone);
    }

    /** A timestamp with {@code precision} fractional-second digits (e.g. MariaDB's DATETIME(0)). */
    public static SqlType timestamp(boolean withTimeZone, int precision) {
        return new SqlType(SqlType.Kind.TIMESTAMP, null, precision, null, withTimeZone, null, null, null);
    }

    /** A time of day with {@code precision} fractional-second digits. */
    public static SqlType time(boolean withTimeZone, int precision) {
        return new SqlType(SqlType.Kind.TIME, null, precision, null, withTimeZone, null, null, null);
    }

    /** An enum: a named type on PostgreSQL (create it with {@code op.createEnumType}), ENUM(...) on MariaDB and H2. */
    public static SqlType enumOf(String typeName, String... values) {
        return SqlType.enumOf(typeName, List.of(values));
    }

    /** The engine's own spelling, passed through untouched (the escape hatch). */
    public static SqlType raw(String spelling) {
        return SqlType.raw(spelling);
    }

    // --- table elements

    public static ColumnSpec column(String name, SqlType type) {
        return ColumnSpec.of(name, type);
    }

    public static ConstraintSpec primaryKey(String... columns) {
        return new ConstraintSpec(new PrimaryKey(null, List.of(columns)));
    }

    public static ConstraintSpec unique(String... columns) {
        return new ConstraintSpec(new UniqueConstraint(null, List.of(columns)));
    }

    /** @param condition SQL without the CHECK keyword */
    public static ConstraintSpec check(String condition) {
        return new ConstraintSpec(new CheckConstraint(null, condition));
    }

    public static ForeignKeySpec foreignKey(String... columns) {
        return ForeignKeySpec.on(columns);
    }

    public static IndexSpec index(String name, String... columns) {
        return new IndexSpec(name).columns(columns);
    }

    public static TableComment tableComment(String text) {
        return new TableComment(text);
    }

    /**
     * MariaDB/MySQL: the table's default collation, {@code COLLATE=utf8mb4_bin}: its character columns without a
     * collation of their own have it. Other engines have no table collation and ignore it.
     */
    public static dev.retort.ops.TableCollation tableCollation(String name) {
        return new dev.retort.ops.TableCollation(name);
    }

    /**
     * SQLite's {@code WITHOUT ROWID}: the table is stored by its primary key (which it must have). Other engines
     * ignore it.
     */
    public static TableOptionSpec sqliteWithoutRowid() {
        return new TableOptionSpec(TableOption.SQLITE_WITHOUT_ROWID);
    }

    /**
     * SQLite's {@code STRICT} (SQLite 3.37+): values must match their column's type. Portable types are declared
     * as the INTEGER, REAL, TEXT or BLOB that STRICT allows. Other engines ignore it.
     */
    public static TableOptionSpec sqliteStrict() {
        return new TableOptionSpec(TableOption.SQLITE_STRICT);
    }

    /** {@code row("id", 1, "name", "x")}: a row for {@code op.bulkInsert}, keeping column order. */
    public static Map<String, Object> row(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("row(...) takes name, value pairs");
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return row;
    }
}
