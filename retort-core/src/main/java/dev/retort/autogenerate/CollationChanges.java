package dev.retort.autogenerate;

import dev.retort.autogenerate.SchemaComparator.Entry;
import dev.retort.dialect.Dialect;
import dev.retort.schema.Column;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collations compared, and the changes no operation makes (a column's, a MariaDB table's default) reported with the
 * statement to write by hand.
 */
final class CollationChanges {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaComparator.class);

    private final ComparisonRules rules;
    private final Dialect dialect;
    private final TypeChanges types;

    CollationChanges(ComparisonRules rules, Dialect dialect, TypeChanges types) {
        this.rules = rules;
        this.dialect = dialect;
        this.types = types;
    }

    /**
     * PostgreSQL's collation names are identifiers ("C" is not "c"), compared as written in SQL ({@code pg_catalog.}
     * left out); MariaDB's and SQLite's are not case-sensitive.
     */
    boolean sameCollation(String db, String model) {
        return rules.postgres() ? db != null && dialect.collation(db).equals(dialect.collation(model))
                : db != null && db.equalsIgnoreCase(model);
    }

    /**
     * A model column's collation that the database column lacks or has another of. Compared only where the model
     * names one: a model without collations (a class: model has none) leaves the database's alone. No operation
     * changes a collation (on SQLite it takes a move-and-copy of the table): reported, as a changed numbering is.
     */
    Entry collationByHand(String table, Column d, Column m) {
        return collationByHand(table, d, m.collation());
    }

    /**
     * A database column's own collation where a model that knows every column's (a sql: model) has the default
     * one (none named, or the default named: SQLite's BINARY, PostgreSQL's "default", MariaDB's table's).
     */
    Entry defaultCollationByHand(String table, Column d) {
        return collationByHand(table, d, (String) null);
    }

    /**
     * MariaDB/MySQL: a table's default collation (which its character columns without one of their own have) that is
     * not the model's (t57-11). Compared where the model names one, and in a sql: model for every table (there one
     * not named is the database's default). No operation changes it: reported with the statement to write, which
     * converts the table's character columns too.
     *
     * @param from the database's, null for the database's default; {@code to} the model's, the same
     */
    Entry tableCollationByHand(String table, String from, String to) {
        String fromText = from == null ? "the database's default collation" : "collation " + from;
        String toText = to == null ? "the database's default collation" : "collation " + to;
        LOG.warn("Table '{}' has {} in the database and {} in the model; write that change by hand", table, fromText, toText);
        String sql = "ALTER TABLE " + dialect.quote(table) + " CONVERT TO CHARACTER SET " + (to == null ? "DEFAULT"
                : (to.indexOf('_') > 0 ? to.substring(0, to.indexOf('_')) : to) + " COLLATE " + dialect.collation(to));
        return new Entry(null, "TODO: table " + table + " has " + fromText + " in the database and " + toText
                + " in the model (its character columns without a collation of their own have it); no operation changes"
                + " that: write it by hand,\ne.g. " + dev.retort.ops.Execute.javaCall(sql)
                + " (which converts every character column of the table, also one with a collation of its own: restate those).");
    }

    /** @param to the model's collation, null for the default */
    Entry collationByHand(String table, Column d, String to) {
        String from = d.collation() == null ? "the default collation" : "collation " + d.collation();
        String toText = to == null ? "the default collation" : "collation " + to;
        LOG.warn("Column '{}.{}' has {} in the database and {} in the model; write that change by hand",
                table, d.name(), from, toText);
        String type = types.typeText(d.type());
        String sql = rules.postgres()
                ? "ALTER TABLE " + dialect.quote(table) + " ALTER COLUMN " + dialect.quote(d.name()) + " TYPE " + type
                        + " COLLATE " + (to == null ? "\"default\"" : dialect.collation(to))
                : dialect.name().equals("mariadb") ? "ALTER TABLE " + dialect.quote(table) + " MODIFY " + dialect.quote(d.name())
                        + " " + type + (to == null ? "" : " COLLATE " + dialect.collation(to)) + (d.nullable() ? " NULL" : " NOT NULL") : null;
        return new Entry(null, "TODO: column " + table + "." + d.name() + " has " + from + " in the database and "
                + toText + " in the model; no operation changes that: write it by hand"
                + (sql == null ? " (on SQLite, by recreating the table)." : ",\ne.g. " + dev.retort.ops.Execute.javaCall(sql)
                + (rules.postgres() ? "." : " (restating the column's default and comment where it has one).")));
    }
}
