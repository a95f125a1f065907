package dev.retort.ops;

import dev.retort.schema.Column;
import dev.retort.schema.SqlType;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes one column. Each change field is null when that aspect is left alone.
 *
 * @param type                  new type, or null
 * @param using                 PostgreSQL only: the {@code USING} expression for a type change
 * @param nullable              new nullability, or null
 * @param serverDefault         set ({@code Change.to(sql)}) or drop ({@code Change.remove()}) the default
 * @param comment               set or remove the column comment
 * @param newName               rename the column
 * @param existingType          the column's current type (null = unknown); MariaDB needs it offline
 *                              to restate the column, and {@link #reverse()} needs it to undo a type change
 * @param existingNullable      current nullability (null = unknown)
 * @param existingServerDefault current default (null = unknown, {@code Change.remove()} = none)
 * @param existingComment       current comment (null = unknown, {@code Change.remove()} = none)
 * @param existingAutoincrement whether the column is auto-increment / identity (null = unknown, taken as no);
 *                              MariaDB offline restates AUTO_INCREMENT from it
 * @param existingOnUpdate      MariaDB/MySQL: the column's {@code ON UPDATE} expression, e.g. {@code CURRENT_TIMESTAMP}
 *                              (null = unknown, {@code Change.remove()} = none); MariaDB offline restates it
 * @param existingCollation     the column's own collation where it is not the table's (MariaDB/MySQL, e.g.
 *                              {@code utf8mb4_bin}) or its type's (PostgreSQL, e.g. {@code C}) (null = unknown,
 *                              {@code Change.remove()} = the default); MariaDB offline restates it while the type
 *                              stays, and both restate it through a new string type
 * @param onUpdate              MariaDB/MySQL and H2: set ({@code Change.to(sql)}) or drop ({@code Change.remove()}) the
 *                              column's {@code ON UPDATE} clause; PostgreSQL and SQLite refuse it
 */
public record AlterColumn(String schema, String table, String column,
                          SqlType type, String using, Boolean nullable, Change<String> serverDefault,
                          Change<String> comment, String newName,
                          SqlType existingType, Boolean existingNullable, Change<String> existingServerDefault,
                          Change<String> existingComment, Boolean existingAutoincrement,
                          Change<String> existingOnUpdate, Change<String> existingCollation,
                          Change<String> onUpdate) implements Operation {
    public AlterColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    /** Without the MariaDB column details (the record's shape before those fields were added). */
    public AlterColumn(String schema, String table, String column, SqlType type, String using, Boolean nullable,
                       Change<String> serverDefault, Change<String> comment, String newName, SqlType existingType,
                       Boolean existingNullable, Change<String> existingServerDefault, Change<String> existingComment,
                       Boolean existingAutoincrement) {
        this(schema, table, column, type, using, nullable, serverDefault, comment, newName, existingType,
                existingNullable, existingServerDefault, existingComment, existingAutoincrement, null, null, null);
    }

    /** Without the auto-increment state (the record's shape before that field was added). */
    public AlterColumn(String schema, String table, String column, SqlType type, String using, Boolean nullable,
                       Change<String> serverDefault, Change<String> comment, String newName, SqlType existingType,
                       Boolean existingNullable, Change<String> existingServerDefault, Change<String> existingComment) {
        this(schema, table, column, type, using, nullable, serverDefault, comment, newName, existingType,
                existingNullable, existingServerDefault, existingComment, null, null, null, null);
    }

    /** The same change with a PostgreSQL USING expression. */
    public AlterColumn withUsing(String expression) {
        return new AlterColumn(schema, table, column, type, expression, nullable, serverDefault, comment, newName,
                existingType, existingNullable, existingServerDefault, existingComment, existingAutoincrement,
                existingOnUpdate, existingCollation, onUpdate);
    }

    /** The same change with the column's own collation given (null = unknown, {@code Change.remove()} = the default). */
    public AlterColumn withExistingCollation(Change<String> collation) {
        return new AlterColumn(schema, table, column, type, using, nullable, serverDefault, comment, newName,
                existingType, existingNullable, existingServerDefault, existingComment, existingAutoincrement,
                existingOnUpdate, collation, onUpdate);
    }

    public static Builder builder(String schema, String table, String column) {
        return new Builder(schema, table, column);
    }

    /** The column's name after this operation. */
    public String finalName() {
        return newName != null ? newName : column;
    }

    /** True when nothing but the name changes. */
    public boolean isRenameOnly() {
        return newName != null && type == null && nullable == null && serverDefault == null && comment == null
                && onUpdate == null;
    }

    /** Every existing-state field needed to restate the column is known. */
    public boolean existingKnown() {
        return existingType != null && existingNullable != null && existingServerDefault != null
                && existingComment != null;
    }

    /** The column as it will be, where the existing state is known for what does not change. */
    public Column target(Column current) {
        Column c = current;
        if (type != null) c = c.withType(type);
        if (nullable != null) c = c.withNullable(nullable);
        if (serverDefault != null) c = c.withServerDefault(serverDefault.value());
        if (comment != null) c = c.withComment(comment.value());
        if (onUpdate != null) c = c.withOnUpdate(onUpdate.value());
        if (newName != null) c = c.withName(newName);
        return c;
    }

    /** The column before this operation as far as the existing-state fields tell (unknown parts default). */
    public Column existingColumn() {
        return new Column(column, existingType, existingNullable == null || existingNullable,
                existingServerDefault == null ? null : existingServerDefault.value(),
                existingAutoincrement != null && existingAutoincrement,
                existingComment == null ? null : existingComment.value())
                .withOnUpdate(existingOnUpdate == null ? null : existingOnUpdate.value());
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitAlterColumn(this);
    }

    @Override
    public Optional<Operation> reverse() {
        if (type != null && existingType == null) return Optional.empty();
        if (nullable != null && existingNullable == null) return Optional.empty();
        if (serverDefault != null && existingServerDefault == null) return Optional.empty();
        if (comment != null && existingComment == null) return Optional.empty();
        if (onUpdate != null && existingOnUpdate == null) return Optional.empty();
        Builder b = new Builder(schema, table, finalName());
        if (newName != null) b.newName(column);
        if (type != null) b.type(existingType);
        if (nullable != null) b.nullable(existingNullable);
        if (serverDefault != null) b.serverDefault = existingServerDefault;
        if (comment != null) b.comment = existingComment;
        if (onUpdate != null) b.onUpdate = existingOnUpdate;
        // What this operation leaves behind is the reverse's existing state.
        b.existingType = type != null ? type : existingType;
        b.existingNullable = nullable != null ? nullable : existingNullable;
        b.existingServerDefault = serverDefault != null ? serverDefault : existingServerDefault;
        b.existingComment = comment != null ? comment : existingComment;
        b.existingAutoincrement = existingAutoincrement;
        b.existingOnUpdate = onUpdate != null ? onUpdate : existingOnUpdate;
        // a new string type keeps the column's collation (MariaDB's renderer restates it); another type has none
        b.existingCollation = type != null && existingCollation != null && !characters(type) ? Change.remove() : existingCollation;
        return Optional.of(b.build());
    }

    /** Whether the column keeps a collation of its own through this operation: no new type, or a character one. */
    public boolean keepsCollation() {
        return type == null || characters(type);
    }

    /** A type that can carry a collation (a string, a character enum or set, an array of strings). */
    public static boolean characters(SqlType t) {
        return switch (t.kind()) {
            case STRING, TEXT, CHAR, ENUM -> true;
            case RAW -> t.raw() != null && t.raw().matches("(?is)\\s*(national\\s+)?(var)?char(acter)?\\b.*|\\s*(bpchar|citext)\\b.*|\\s*(tiny|medium|long)?text\\b.*|\\s*(enum|set)\\s*\\(.*");
            default -> false;
        };
    }

    @Override
    public String describe() {
        return "alter column " + Operation.display(schema, table) + "." + column;
    }

    /** Fluent construction; also what {@code op.alterColumn(table, column, a -> ...)} hands to the lambda. */
    public static final class Builder {
        private final String schema;
        private final String table;
        private final String column;
        private SqlType type;
        private String using;
        private Boolean nullable;
        private Change<String> serverDefault;
        private Change<String> comment;
        private String newName;
        private SqlType existingType;
        private Boolean existingNullable;
        private Change<String> existingServerDefault;
        private Change<String> existingComment;
        private Boolean existingAutoincrement;
        private Change<String> existingOnUpdate;
        private Change<String> existingCollation;
        private Change<String> onUpdate;

        private Builder(String schema, String table, String column) {
            this.schema = schema;
            this.table = table;
            this.column = column;
        }

        public Builder type(SqlType t) { this.type = t; return this; }

        /** PostgreSQL: {@code ALTER COLUMN ... TYPE t USING expr}; ignored where the engine converts itself. */
        public Builder using(String expression) { this.using = expression; return this; }

        public Builder nullable(boolean b) { this.nullable = b; return this; }

        /** Sets the server default (SQL text: an expression or a quoted literal); null drops it. */
        public Builder serverDefault(String sql) { this.serverDefault = Change.ofNullable(sql); return this; }

        public Builder dropServerDefault() { this.serverDefault = Change.remove(); return this; }

        /**
         * MariaDB/MySQL and H2: sets the column's {@code ON UPDATE} clause ({@code CURRENT_TIMESTAMP}); null drops it.
         * (Named as {@link ColumnSpec#serverOnUpdate}, beside serverDefault.)
         */
        public Builder serverOnUpdate(String sql) { this.onUpdate = Change.ofNullable(sql); return this; }

        public Builder dropServerOnUpdate() { this.onUpdate = Change.remove(); return this; }

        /** Sets the column comment; null removes it. */
        public Builder comment(String text) { this.comment = Change.ofNullable(text); return this; }

        public Builder newName(String name) { this.newName = name; return this; }

        public Builder existingType(SqlType t) { this.existingType = t; return this; }

        public Builder existingNullable(boolean b) { this.existingNullable = b; return this; }

        /** The current default (null: the column has none). */
        public Builder existingServerDefault(String sql) { this.existingServerDefault = Change.ofNullable(sql); return this; }

        /** The current comment (null: the column has none). */
        public Builder existingComment(String text) { this.existingComment = Change.ofNullable(text); return this; }

        public Builder existingAutoincrement(boolean b) { this.existingAutoincrement = b; return this; }

        /** MariaDB/MySQL: the column's current {@code ON UPDATE} expression (null: it has none). */
        public Builder existingOnUpdate(String sql) { this.existingOnUpdate = Change.ofNullable(sql); return this; }

        /** MariaDB/MySQL: the column's own collation, where it is not the table's (null: the table's). */
        public Builder existingCollation(String name) { this.existingCollation = Change.ofNullable(name); return this; }

        /**
         * All existing-state fields at once from a known column definition; its ON UPDATE where it has one (a column
         * without one leaves {@code existingOnUpdate} as it was: a model of an engine without the clause says nothing).
         */
        public Builder existing(Column c) {
            if (c.onUpdate() != null) existingOnUpdate = Change.to(c.onUpdate());
            existingAutoincrement = c.autoincrement();
            existingType = c.type();
            existingNullable = c.nullable();
            existingServerDefault = Change.ofNullable(c.serverDefault());
            existingComment = Change.ofNullable(c.comment());
            return this;
        }

        public AlterColumn build() {
            return new AlterColumn(schema, table, column, type, using, nullable, serverDefault, comment, newName,
                    existingType, existingNullable, existingServerDefault, existingComment, existingAutoincrement,
                    existingOnUpdate, existingCollation, onUpdate);
        }
    }
}
