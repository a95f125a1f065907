package dev.retort.schema;

/**
 * @param serverDefault the default as SQL text (an expression or a quoted literal), null for none
 * @param autoincrement identity / auto-increment / serial
 * @param comment       null for none
 */
public record Column(String name, SqlType type, boolean nullable, String serverDefault,
                     boolean autoincrement, String comment) {

    public static Column of(String name, SqlType type) {
        return new Column(name, type, true, null, false, null);
    }

    public Column withName(String n) { return new Column(n, type, nullable, serverDefault, autoincrement, comment); }
    public Column withType(SqlType t) { return new Column(name, t, nullable, serverDefault, autoincrement, comment); }
    public Column withNullable(boolean b) { return new Column(name, type, b, serverDefault, autoincrement, comment); }
    public Column withServerDefault(String d) { return new Column(name, type, nullable, d, autoincrement, comment); }
    public Column withAutoincrement(boolean b) { return new Column(name, type, nullable, serverDefault, b, comment); }
    public Column withComment(String c) { return new Column(name, type, nullable, serverDefault, autoincrement, c); }
}
