package dev.retort.schema;

/**
 * @param serverDefault the default as SQL text (an expression or a quoted literal), null for none
 * @param autoincrement identity / auto-increment / serial
 * @param comment       null for none
 * @param identity      the numbering of an autoincrement column where it is not the default (start 1,
 *                      increment 1); null for the default, and always null when not autoincrement
 * @param collation     the column's own collation ({@code "C"} on PostgreSQL, {@code utf8mb4_bin} on MariaDB,
 *                      {@code NOCASE} on SQLite); null for the default (the type's, the table's)
 * @param onUpdate      MariaDB/MySQL and H2: the value the column takes when its row is updated, as SQL text
 *                      ({@code ON UPDATE CURRENT_TIMESTAMP}); null for none
 */
public record Column(String name, SqlType type, boolean nullable, String serverDefault,
                     boolean autoincrement, String comment, Identity identity, String collation, String onUpdate) {

    public Column {
        // the default numbering has one spelling, so that equal columns are equal records
        if (!autoincrement || identity != null && identity.isDefault()) identity = null;
    }

    /** A column without ON UPDATE (the record's shape before {@code onUpdate} was added). */
    public Column(String name, SqlType type, boolean nullable, String serverDefault, boolean autoincrement, String comment,
                  Identity identity, String collation) {
        this(name, type, nullable, serverDefault, autoincrement, comment, identity, collation, null);
    }

    /** A column with the default collation (the record's shape before {@code collation} was added). */
    public Column(String name, SqlType type, boolean nullable, String serverDefault, boolean autoincrement, String comment,
                  Identity identity) {
        this(name, type, nullable, serverDefault, autoincrement, comment, identity, null, null);
    }

    /** A column with the default numbering (the record's shape before {@code identity} was added). */
    public Column(String name, SqlType type, boolean nullable, String serverDefault, boolean autoincrement, String comment) {
        this(name, type, nullable, serverDefault, autoincrement, comment, null, null, null);
    }

    public static Column of(String name, SqlType type) {
        return new Column(name, type, true, null, false, null);
    }

    public Column withName(String n) { return new Column(n, type, nullable, serverDefault, autoincrement, comment, identity, collation, onUpdate); }
    public Column withType(SqlType t) { return new Column(name, t, nullable, serverDefault, autoincrement, comment, identity, collation, onUpdate); }
    public Column withNullable(boolean b) { return new Column(name, type, b, serverDefault, autoincrement, comment, identity, collation, onUpdate); }
    public Column withServerDefault(String d) { return new Column(name, type, nullable, d, autoincrement, comment, identity, collation, onUpdate); }
    public Column withAutoincrement(boolean b) { return new Column(name, type, nullable, serverDefault, b, comment, identity, collation, onUpdate); }
    public Column withComment(String c) { return new Column(name, type, nullable, serverDefault, autoincrement, c, identity, collation, onUpdate); }

    /** Autoincrement numbered from {@code start} by {@code increment}. */
    public Column withIdentity(long start, long increment) {
        return withIdentity(new Identity(start, increment));
    }

    /** Autoincrement numbered as {@code identity} says (null: from 1 by 1, the defaults). */
    public Column withIdentity(Identity identity) {
        return new Column(name, type, nullable, serverDefault, true, comment, identity, collation, onUpdate);
    }

    public Column withCollation(String c) {
        return new Column(name, type, nullable, serverDefault, autoincrement, comment, identity, c, onUpdate);
    }

    /** The column with {@code ON UPDATE sql} (null: without). */
    public Column withOnUpdate(String sql) {
        return new Column(name, type, nullable, serverDefault, autoincrement, comment, identity, collation, sql);
    }

    /** The start of the numbering: the identity's, else 1. */
    public long identityStart() { return identity == null ? 1 : identity.start(); }

    /** The step of the numbering: the identity's, else 1. */
    public long identityIncrement() { return identity == null ? 1 : identity.increment(); }

    /** The options of the numbering's sequence (bounds, cycle, cache, a type of its own): the identity's, else the defaults. */
    public SequenceOptions identityOptions() { return identity == null ? SequenceOptions.DEFAULT : identity.options(); }

    /**
     * The numbering of an identity, serial or auto-increment column: PostgreSQL's {@code START WITH} and
     * {@code INCREMENT BY} of the column's sequence, H2's identity options, MariaDB's table {@code AUTO_INCREMENT}
     * (start only); and the options of the column's sequence (bounds, {@code CYCLE}, {@code CACHE}; PostgreSQL and H2),
     * whose {@code type} is the sequence's where it is not the column's (a serial's sequence, which PostgreSQL leaves
     * at its old type when the column's type changes).
     */
    public record Identity(long start, long increment, SequenceOptions options) {
        public Identity {
            if (increment == 0) throw new IllegalArgumentException("an identity increment cannot be 0");
            if (options == null) options = SequenceOptions.DEFAULT;
        }

        public Identity(long start, long increment) {
            this(start, increment, SequenceOptions.DEFAULT);
        }

        public boolean isDefault() {
            return start == 1 && increment == 1 && options.isDefault();
        }
    }
}
