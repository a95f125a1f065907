package dev.retort.autogenerate;

import dev.retort.schema.Column;
import dev.retort.schema.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Generated (computed) columns, as reflection keeps them: their expression in the raw type. */
final class GeneratedColumns {
    private static final java.util.regex.Pattern GENERATED = java.util.regex.Pattern.compile(
            "(?is).*\\bGENERATED\\s+ALWAYS\\s+AS\\s*\\(.*|.*\\bAS\\s*\\(.*\\)\\s*(?:VIRTUAL|STORED|PERSISTENT)\\s*");

    private GeneratedColumns() {
    }

    /**
     * A generated (computed) column on any engine: reflection keeps its expression in the raw type, PostgreSQL's and
     * H2's {@code GENERATED ALWAYS AS (...)}, MariaDB's {@code AS (...) VIRTUAL|STORED}.
     */
    static boolean generated(Column c) {
        return c.type().kind() == SqlType.Kind.RAW && c.type().raw() != null && GENERATED.matcher(c.type().raw()).matches();
    }

    /** {@code columns} with the generated ones after the others, each group in its own order. */
    static List<Column> withGeneratedLast(List<Column> columns) {
        List<Column> out = new ArrayList<>(columns.stream().filter(c -> !generated(c)).toList());
        out.addAll(columns.stream().filter(GeneratedColumns::generated).toList());
        return out;
    }

    /** A MariaDB/MySQL {@code VIRTUAL} generated column: reflection keeps {@code AS (...) VIRTUAL} in the raw type. */
    static boolean mariaDbVirtual(Column c) {
        return generated(c) && c.type().raw().strip().toUpperCase(Locale.ROOT).endsWith("VIRTUAL");
    }

    /**
     * MariaDB makes a STORED column plain and a plain one STORED in place (a MODIFY with or without the expression),
     * but refuses (ERROR 1907) to make a column VIRTUAL or not: the TODO for the revision's author, with the statement
     * to start from (t75-3). An alterColumn with a new type keeps a generated column generated, as on every engine.
     */
    static String mariaDbByHand(String table, String column, String from, String to, boolean virtual, String sql) {
        return "TODO: column " + table + "." + column + " is " + from + " in the database and " + to + " in the model;"
                + (virtual ? " MariaDB cannot make a column VIRTUAL or not in place: write it by hand,\ne.g. "
                + dev.retort.ops.Execute.javaCall(sql) + " (a plain column made from a generated one gets its values only"
                + " if they are copied first), create the indexes and constraints on the column again,"
                : " write it by hand,\ne.g. " + dev.retort.ops.Execute.javaCall(sql) + " (a STORED column made plain keeps"
                + " its values),") + " and write the downgrade's inverse.";
    }

    /** A PostgreSQL generated column: reflection keeps its expression in the raw type. */
    static boolean postgresGenerated(Column c) {
        return c.type().kind() == dev.retort.schema.SqlType.Kind.RAW
                && c.type().raw().toUpperCase(Locale.ROOT).contains(" GENERATED ALWAYS AS (");
    }

    /** Whether a PostgreSQL generated column's expression names {@code column} (as a word, quoted or not). */
    static boolean readsColumn(Column generated, String column) {
        String raw = generated.type().raw();
        int at = raw.toUpperCase(Locale.ROOT).indexOf(" GENERATED ALWAYS AS (");
        return mentionsColumn(raw.substring(at), column);
    }

    /** Whether an expression names {@code column} (as a word, quoted or not). */
    static boolean mentionsColumn(String expression, String column) {
        return java.util.regex.Pattern.compile("(?<![\\w$])\"?" + java.util.regex.Pattern.quote(column) + "\"?(?![\\w$])",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(expression).find();
    }
}
