package dev.retort.dialect;

import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers the catalog-querying reflectors (H2, MariaDB, PostgreSQL) share: running a query bound to one
 * schema name, and mutable builders that collect a table's parts while bulk queries stream by.
 * Public only because the reflectors live in sub-packages; not part of the library's API.
 */
public final class ReflectionSupport {

    private ReflectionSupport() {
    }

    /** Receives one row of a query's result. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with its single parameter bound to {@code schema} and hands each row to {@code handler}. */
    public static void query(Connection c, String sql, String schema, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) handler.row(rs);
            }
        }
    }

    /**
     * {@code name} with its ASCII letters lower-cased and nothing else: how SQLite compares names (its folding ignores
     * other letters' case), where {@code toLowerCase} would also fold {@code É}.
     */
    public static String asciiLower(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char ch : name.toCharArray()) b.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
        return b.toString();
    }

    public static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * A sequence's options as an engine that bounds it by its type (PostgreSQL, H2) keeps them, each default left out
     * (null): the bounds of its type and direction (1 to the type's largest ascending, the type's smallest to -1
     * descending), the engine's {@code defaultCache}. A value the engine does not report (null) is its default. The
     * type is the caller's to set.
     */
    public static SequenceOptions sequenceOptions(SqlType type, long increment, Long min, Long max, Long cache,
                                                  long defaultCache, boolean cycle) {
        long defaultMin = increment > 0 ? 1 : SequenceOptions.typeMin(type);
        long defaultMax = increment > 0 ? SequenceOptions.typeMax(type) : -1;
        return new SequenceOptions(null, min == null || min == defaultMin ? null : min,
                max == null || max == defaultMax ? null : max, cache == null || cache == defaultCache ? null : cache, cycle);
    }

    /** Collects one table's parts while the bulk queries stream by. */
    public static final class TableBuilder {
        public final String name;
        public final String comment;
        public final List<Column> columns = new ArrayList<>();
        public final List<ForeignKey> foreignKeys = new ArrayList<>();
        public final List<UniqueConstraint> uniques = new ArrayList<>();
        public final List<CheckConstraint> checks = new ArrayList<>();
        public final List<Index> indexes = new ArrayList<>();
        public PrimaryKey primaryKey;
        /** The table's default collation where it is not its database's (MariaDB/MySQL), else null. */
        public String collation;

        public TableBuilder(String name, String comment) {
            this.name = name;
            this.comment = comment;
        }

        public Table build() {
            return new Table(null, name, columns, primaryKey, foreignKeys, uniques, checks, indexes, comment, java.util.Set.of(),
                    collation);
        }
    }

    /** Collects one foreign key whose columns arrive one row each. */
    public static final class ForeignKeyBuilder {
        public String table;
        public String name;
        public final List<String> columns = new ArrayList<>();
        public String refSchema;
        public String refTable;
        public final List<String> refColumns = new ArrayList<>();
        public String onDelete;
        public String onUpdate;

        public ForeignKey build() {
            return new ForeignKey(name, columns, refSchema, refTable, refColumns, onDelete, onUpdate);
        }
    }

    /** Collects one index whose elements arrive one row each; {@code using} stays null where the engine has no method. */
    public static final class IndexBuilder {
        public String table;
        public String name;
        public boolean unique;
        public String using;
        public final List<IndexElement> elements = new ArrayList<>();
    }
}
