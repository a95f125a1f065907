package dev.retort.dialect.postgresql;

import dev.retort.dialect.Reflector;
import dev.retort.dialect.ReflectionSupport;
import dev.retort.dialect.ReflectionSupport.TableBuilder;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.Deferral;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.retort.dialect.ReflectionSupport.query;

/**
 * Reads one PostgreSQL schema from pg_catalog: one query per kind of object for the whole schema,
 * so the number of round trips does not grow with the number of tables.
 * <p>
 * Left out on purpose: partitions (they follow their parent; a partitioned table is named in a warning), views,
 * functions, triggers and exclusion constraints (named in a warning with the statement that adds it). Sequences
 * owned by a serial or identity column are folded into the column's {@code autoincrement}, their start and
 * increment into its {@code identity}. A column's own collation (where it is not its type's) is the column's
 * {@code collation}; a foreign key's {@code DEFERRABLE [INITIALLY DEFERRED]} its {@code deferral}.
 * What changes the data a table accepts but has no place in the model (an exclusion
 * constraint, {@code NULLS NOT DISTINCT}, a deferrable unique constraint, {@code MATCH FULL}, a check's
 * {@code NO INHERIT}) is named in a warning, so that it is not lost silently. A check's or key's {@code NOT VALID}
 * (convalidated false) is the constraint's {@code notValid}.
 */
final class PostgresReflector implements Reflector {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresReflector.class);

    private final PostgresDialect dialect;

    PostgresReflector(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public SchemaModel reflect(Connection connection, String schema) throws SQLException {
        String s = schema == null || schema.isEmpty() ? currentSchema(connection) : schema;
        Map<String, EnumType> enums = enums(connection, s);
        Map<Long, TableBuilder> tables = tables(connection, s);
        columns(connection, s, tables, enums);
        constraints(connection, s, tables);
        indexes(connection, s, tables);
        storage(connection, s, tables);
        objectComments(connection, s, tables);
        List<Table> result = new ArrayList<>();
        for (TableBuilder t : tables.values()) result.add(t.build());
        return new SchemaModel(result, sequences(connection, s), List.copyOf(enums.values()));
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_schema()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            String schema = rs.getString(1);
            if (schema == null) throw new dev.retort.RetortException(noCurrentSchema(c));
            return schema;
        }
    }

    /**
     * Why a connection whose search_path names no existing schema ({@code ?currentSchema=App}, which PostgreSQL
     * folds to {@code app}; a typo) cannot be compared: read as no schema at all, every model matched an empty one
     * or the database's tables were all "missing" (t59-9). Names the setting, and the quoted spelling when a schema
     * differs from it only in case.
     */
    static String noCurrentSchema(Connection c) throws SQLException {
        String path = "";
        String database = "";
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('search_path'), current_database()");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                path = rs.getString(1);
                database = rs.getString(2);
            }
        }
        StringBuilder out = new StringBuilder("The connection's search_path (" + path + ", from ?currentSchema= or the"
                + " role's setting) names no schema of database " + database + ": there is no schema to compare the model"
                + " with or to create tables in.");
        List<String> sameButCase = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname FROM pg_catalog.pg_namespace n"
                + " WHERE lower(n.nspname) IN (SELECT lower(btrim(x, ' \"')) FROM unnest(string_to_array(?, ',')) x)"
                + " ORDER BY 1")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sameButCase.add(rs.getString(1));
            }
        }
        for (String s : sameButCase) {
            out.append(" PostgreSQL folds an unquoted name to lower case: for the schema \"").append(s)
                    .append("\" write currentSchema=\"").append(s).append("\".");
        }
        if (sameButCase.isEmpty()) out.append(" Create the schema, or correct its name.");
        return out.toString();
    }

    private static Map<String, EnumType> enums(Connection c, String schema) throws SQLException {
        Map<String, EnumType> out = new LinkedHashMap<>();
        String sql = """
                SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_enum e ON e.enumtypid = t.oid
                WHERE n.nspname = ?
                  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass
                                  AND x.objid = t.oid AND x.deptype = 'e')
                GROUP BY t.typname ORDER BY t.typname""";
        query(c, sql, schema, rs -> {
            out.put(rs.getString(1), new EnumType(null, rs.getString(1), strings(rs.getArray(2))));
        });
        return out;
    }

    private Map<Long, TableBuilder> tables(Connection c, String schema) throws SQLException {
        Map<Long, TableBuilder> out = new LinkedHashMap<>();
        String sql = """
                SELECT c.oid, c.relname, obj_description(c.oid, 'pg_class'),
                       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                       (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = c.oid)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                                  AND e.objid = c.oid AND e.deptype = 'e')
                ORDER BY c.relname""";
        query(c, sql, schema, rs -> {
            if (rs.getString(4) != null) {
                // a baseline would create pagila's payment as one plain table, its rows in no partition (t37-4)
                LOG.warn("Table {} is PARTITION BY {} ({} partition(s)): autogenerate and check do not compare partitioning,"
                        + " and a revision that creates the table creates it unpartitioned; write its CREATE TABLE ..."
                        + " PARTITION BY {} and its partitions' CREATE TABLE ... PARTITION OF {} FOR VALUES ... by hand"
                        + " (op.execute) in place of its op.createTable", rs.getString(2), rs.getString(4), rs.getLong(5),
                        rs.getString(4), dialect.quote(rs.getString(2)));
            }
            out.put(rs.getLong(1), new TableBuilder(rs.getString(2), rs.getString(3)));
        });
        return out;
    }

    private static void columns(Connection c, String schema, Map<Long, TableBuilder> tables,
                                Map<String, EnumType> enums) throws SQLException {
        // A default nextval('seq') where seq is owned by the column (pg_depend 'a') is a serial column.
        String sql = """
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                       col_description(a.attrelid, a.attnum), t.typtype, tn.nspname, t.typname,
                       own.refobjid IS NOT NULL AS owns_seq, own.seqstart, own.seqincrement,
                       CASE WHEN a.attcollation <> t.typcollation AND a.attgenerated = '' THEN
                           CASE WHEN cn.nspname IN ('pg_catalog', n.nspname) THEN coll.collname
                                ELSE '"' || replace(cn.nspname, '"', '""') || '"."' || replace(coll.collname, '"', '""') || '"' END END,
                       own.seqname, own.seqtypid = a.atttypid, format_type(own.seqtypid, NULL), own.seqmin, own.seqmax,
                       own.seqcache, own.seqcycle
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                JOIN pg_namespace tn ON tn.oid = t.typnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
                LEFT JOIN pg_namespace cn ON cn.oid = coll.collnamespace
                LEFT JOIN (SELECT DISTINCT ON (dep.refobjid, dep.refobjsubid) dep.refobjid, dep.refobjsubid,
                                  ps.seqstart, ps.seqincrement, sq.relname AS seqname, ps.seqtypid, ps.seqmin,
                                  ps.seqmax, ps.seqcache, ps.seqcycle
                           FROM pg_depend dep
                           JOIN pg_class sq ON sq.oid = dep.objid AND sq.relkind = 'S'
                           JOIN pg_sequence ps ON ps.seqrelid = sq.oid
                           WHERE dep.classid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i') AND dep.refobjsubid > 0
                           ORDER BY dep.refobjid, dep.refobjsubid, dep.deptype DESC, sq.oid) own
                       ON own.refobjid = a.attrelid AND own.refobjsubid = a.attnum
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attrelid, a.attnum""";
        query(c, sql, schema, rs -> {
            TableBuilder t = tables.get(rs.getLong(1));
            if (t == null) return;
            String formatted = rs.getString(3);
            String dflt = rs.getString(5);
            String identity = rs.getString(6);
            String generated = rs.getString(7);
            boolean ownsSeq = rs.getBoolean(12);
            boolean auto = identity != null && !identity.isEmpty();
            if (ownsSeq && dflt != null && dflt.startsWith("nextval(")) {
                auto = true;
                dflt = null;
            }
            if (generated != null && !generated.isEmpty()) {
                // Stored generated columns have no model field; keep the expression visible as raw text.
                dflt = null;
                formatted = formatted + " GENERATED ALWAYS AS (" + rs.getString(5) + ") STORED";
            }
            SqlType type = "e".equals(rs.getString(9)) && schema.equals(rs.getString(10))
                    ? SqlType.enumOf(rs.getString(11), enumValues(enums, rs.getString(11)))
                    : PostgresTypes.parse(unqualified(formatted, schema));
            dflt = unqualified(dflt, schema);
            Column column = new Column(rs.getString(2), type, !rs.getBoolean(4), dflt, auto, rs.getString(8));
            // the numbering of the column's own sequence (the identity's, or the one a serial owns)
            if (auto && ownsSeq) {
                // its options too; its type where it is narrower than the column's: PostgreSQL leaves a serial's
                // sequence at the old type when the column's type changes, and such an id still runs out at the old
                // type's end (t57-3). A wider one (pg_dump's bigint sequence of an integer serial) stops where the
                // column does, so it is no difference.
                SqlType seqType = PostgresTypes.parse(rs.getString(18));
                SequenceOptions options = options(seqType, rs.getLong(14), rs.getLong(19), rs.getLong(20), rs.getLong(21),
                        rs.getBoolean(22));
                boolean narrower = !rs.getBoolean(17) && SequenceOptions.countable(type)
                        && SequenceOptions.typeMax(seqType) < SequenceOptions.typeMax(type);
                column = column.withIdentity(new Column.Identity(rs.getLong(13), rs.getLong(14),
                        options.withType(narrower ? seqType : null)));
            }
            column = column.withCollation(rs.getString(15));
            String seqName = rs.getString(16);
            String usual = t.name + "_" + column.name() + "_seq";
            if (auto && seqName != null && !seqName.equals(usual) && usual.length() <= 63) {
                // what to do is said: the name is not a clause a revision could restate (t44-7)
                LOG.warn("Column {}.{} has the sequence name {} (not {}): autogenerate and check do not compare the names of"
                        + " identity and serial sequences, and a revision that creates the column names its sequence {}; where"
                        + " the name matters, rename the sequence by hand with op.execute(\"ALTER SEQUENCE ... RENAME TO ...\")",
                        t.name, column.name(), seqName, usual, usual);
            }
            t.columns.add(column);
        });
    }

    /**
     * The SQL without the reflected schema's own qualifier: PostgreSQL writes {@code public.year},
     * {@code nextval('public.item_id_seq'::regclass)}, {@code public.gin_trgm_ops}, {@code public.lower(x)} and
     * {@code OPERATOR(public.>)} when the schema is not on the search_path (a pg_dump file sets it empty), plain
     * names otherwise; the schema is the same either way, so both spellings compare equal (t56-1). Names in other
     * schemas keep their qualifier: they name other things. In a temporary schema ({@code pg_temp_3}), which
     * PostgreSQL writes {@code pg_temp}, that alias is the schema's too. Outside string literals, and inside a
     * {@code '...'::regclass} literal; other literals are data and stay as they are.
     */
    static String unqualified(String sql, String schema) {
        if (sql == null) return null;
        String out = unqualifiedBy(sql, schema);
        return schema.startsWith("pg_temp_") ? unqualifiedBy(out, "pg_temp") : out;
    }

    private static String unqualifiedBy(String sql, String schema) {
        if (!sql.contains(schema + ".") && !sql.contains("\"" + schema + "\".")) return sql;
        String name = "(?:" + java.util.regex.Pattern.quote(schema) + "|\"" + java.util.regex.Pattern.quote(schema.replace("\"", "\"\""))
                + "\")\\.";
        java.util.regex.Pattern prefix = java.util.regex.Pattern.compile("(?<![\\w.\"$])" + name + "(?=[\\w\"])");
        // an operator PostgreSQL could not name bare: OPERATOR(public.>) -> >
        java.util.regex.Pattern operator = java.util.regex.Pattern.compile("\\bOPERATOR\\(" + name + "([^\\s()\\w\"]+)\\)");
        java.util.function.UnaryOperator<String> code = part -> prefix.matcher(operator.matcher(part).replaceAll("$1")).replaceAll("");
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            int open = sql.indexOf('\'', i);
            if (open < 0) {
                out.append(code.apply(sql.substring(i)));
                break;
            }
            out.append(code.apply(sql.substring(i, open)));
            int close = open + 1;
            while (close < sql.length() && !(sql.charAt(close) == '\'' && (close + 1 >= sql.length() || sql.charAt(close + 1) != '\''))) {
                close += sql.charAt(close) == '\'' ? 2 : 1;
            }
            String literal = sql.substring(open, Math.min(close + 1, sql.length()));
            boolean regclass = sql.startsWith("::regclass", close + 1);
            out.append(regclass ? "'" + prefix.matcher(literal.substring(1)).replaceAll("") : literal);
            i = close + 1;
        }
        return out.toString();
    }

    private static List<String> enumValues(Map<String, EnumType> enums, String name) {
        EnumType e = enums.get(name);
        return e == null ? List.of() : e.values();
    }

    private void constraints(Connection c, String schema, Map<Long, TableBuilder> tables) throws SQLException {
        String sql = """
                SELECT co.conrelid, co.conname, co.contype,
                       array(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(n, o)
                             JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n ORDER BY k.o),
                       rn.nspname, rc.relname,
                       array(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(n, o)
                             JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n ORDER BY k.o),
                       co.confdeltype, co.confupdtype,
                       pg_get_constraintdef(co.oid, true), co.condeferrable, co.condeferred, co.convalidated
                FROM pg_constraint co
                JOIN pg_class c ON c.oid = co.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_class rc ON rc.oid = co.confrelid
                LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                WHERE n.nspname = ? AND co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conparentid = 0
                ORDER BY co.conrelid, co.conname""";
        query(c, sql, schema, rs -> {
            TableBuilder t = tables.get(rs.getLong(1));
            if (t == null) return;
            String name = rs.getString(2);
            List<String> cols = strings(rs.getArray(4));
            String def = unqualified(rs.getString(10), schema);
            String what = "Constraint " + name + " on table " + t.name;
            switch (rs.getString(3)) {
                case "p" -> t.primaryKey = new PrimaryKey(name, cols);
                case "u" -> {
                    if (def.startsWith("UNIQUE NULLS NOT DISTINCT")) lost(what, "NULLS NOT DISTINCT", "NULLS NOT DISTINCT", "the constraint");
                    if (def.contains(" DEFERRABLE")) lost(what, "DEFERRABLE", "the deferrability of unique constraints", "the constraint");
                    t.uniques.add(new UniqueConstraint(name, cols));
                }
                case "x" -> LOG.warn("{} is an exclusion constraint ({}): autogenerate and check do not compare exclusion"
                        + " constraints, and no revision creates it; add it by hand: {}", what, def,
                        dev.retort.ops.Execute.javaCall("ALTER TABLE " + dialect.quote(t.name) + " ADD CONSTRAINT " + dialect.quote(name) + " " + def));
                case "f" -> {
                    if (def.contains(" MATCH FULL")) lost(what, "MATCH FULL", "the match type of foreign keys", "the key");
                    String refSchema = rs.getString(5);
                    // Django makes every key DEFERRABLE INITIALLY DEFERRED and inserts in any order (t37-4); a key
                    // added NOT VALID leaves the rows already there unchecked (t57-13)
                    t.foreignKeys.add(new ForeignKey(name, cols, schema.equals(refSchema) ? null : refSchema,
                            rs.getString(6), strings(rs.getArray(7)), onDelete(rs.getString(8), def),
                            action(rs.getString(9)), Deferral.of(rs.getBoolean(11), rs.getBoolean(12)), !rs.getBoolean(13)));
                }
                case "c" -> {
                    if (noInherit(def)) lost(what, "NO INHERIT", "NO INHERIT", "the check");
                    t.checks.add(new CheckConstraint(name, checkExpression(def), !rs.getBoolean(13)));
                }
                default -> { }
            }
        });
    }

    /**
     * Storage parameters of tables and indexes ({@code WITH (fillfactor = 70)}) and a column's statistics target
     * or storage ({@code SET STATISTICS 1000}, {@code SET STORAGE EXTERNAL}) change how PostgreSQL keeps and plans the
     * data, and the model has no place for them: named in a warning with the statement that sets them (t57-15).
     */
    /**
     * t75-4: comments on indexes and constraints are not in the schema model: a revision that drops and creates one
     * again (any change of its definition) leaves its comment out, both ways. Named with the SQL that restores them.
     */
    private void objectComments(Connection c, String schema, Map<Long, TableBuilder> tables) throws SQLException {
        String sql = """
                SELECT i.indrelid, 'i', r.relname, d.description
                FROM pg_description d
                JOIN pg_class r ON r.oid = d.objoid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
                JOIN pg_index i ON i.indexrelid = r.oid
                JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE n.nspname = ?
                UNION ALL
                SELECT co.conrelid, 'c', co.conname, d.description
                FROM pg_description d
                JOIN pg_constraint co ON co.oid = d.objoid AND d.classoid = 'pg_constraint'::regclass
                JOIN pg_class t ON t.oid = co.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ?
                ORDER BY 2, 3""";
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableBuilder t = tables.get(rs.getLong(1));
                    if (t == null) continue;
                    boolean index = rs.getString(2).equals("i");
                    String name = rs.getString(3);
                    String set = index ? "COMMENT ON INDEX " + dialect.quote(name) + " IS " + dialect.literal(rs.getString(4))
                            : "COMMENT ON CONSTRAINT " + dialect.quote(name) + " ON " + dialect.quote(t.name) + " IS "
                            + dialect.literal(rs.getString(4));
                    LOG.warn("{} {} on table {} has a comment: autogenerate and check do not compare comments on indexes and"
                            + " constraints, and a revision that creates the {} (or drops and creates it again) leaves it out;"
                            + " add it by hand: {}", index ? "Index" : "Constraint", name, t.name, index ? "index" : "constraint",
                            dev.retort.ops.Execute.javaCall(set));
                }
            }
        }
    }

    private void storage(Connection c, String schema, Map<Long, TableBuilder> tables) throws SQLException {
        String sql = """
                SELECT COALESCE(i.indrelid, r.oid), r.relkind, r.relname, array_to_string(r.reloptions, ', ')
                FROM pg_class r
                JOIN pg_namespace n ON n.oid = r.relnamespace
                LEFT JOIN pg_index i ON i.indexrelid = r.oid
                WHERE n.nspname = ? AND r.reloptions IS NOT NULL AND r.relkind IN ('r', 'p', 'i', 'I')
                ORDER BY r.relkind DESC, r.relname""";
        query(c, sql, schema, rs -> {
            TableBuilder t = tables.get(rs.getLong(1));
            if (t == null) return;
            boolean table = rs.getString(2).equals("r") || rs.getString(2).equals("p");
            String object = table ? "Table " + t.name : "Index " + rs.getString(3) + " on table " + t.name;
            String set = (table ? "ALTER TABLE " : "ALTER INDEX ") + dialect.quote(rs.getString(3)) + " SET (" + rs.getString(4) + ")";
            LOG.warn("{} has storage parameters ({}): autogenerate and check do not compare storage parameters, and a revision"
                    + " that creates the {} leaves them out; add them by hand: {}", object, rs.getString(4),
                    table ? "table" : "index", dev.retort.ops.Execute.javaCall(set));
        });
        String columns = """
                SELECT a.attrelid, a.attname, CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END,
                       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                  AND (a.attstattarget >= 0 OR a.attstorage <> t.typstorage)
                ORDER BY a.attrelid, a.attnum""";
        query(c, columns, schema, rs -> {
            TableBuilder t = tables.get(rs.getLong(1));
            if (t == null) return;
            List<String> clauses = new ArrayList<>();
            if (rs.getString(3) != null) clauses.add("SET STATISTICS " + rs.getString(3));
            if (rs.getString(4) != null) {
                clauses.add("SET STORAGE " + switch (rs.getString(4)) {
                    case "p" -> "PLAIN";
                    case "e" -> "EXTERNAL";
                    case "m" -> "MAIN";
                    default -> "EXTENDED";
                });
            }
            String column = dialect.quote(rs.getString(2));
            String set = "ALTER TABLE " + dialect.quote(t.name) + " " + String.join(", ",
                    clauses.stream().map(x -> "ALTER COLUMN " + column + " " + x).toList());
            LOG.warn("Column {}.{} has {}: autogenerate and check do not compare a column's statistics target or storage, and"
                    + " a revision that creates the column leaves {} out; add {} by hand: {}", t.name, rs.getString(2),
                    String.join(", ", clauses), clauses.size() == 1 ? "it" : "them", clauses.size() == 1 ? "it" : "them",
                    dev.retort.ops.Execute.javaCall(set));
        });
    }

    /** {@code CHECK ((a > 0)) NO INHERIT NOT VALID} -> {@code a > 0}. */
    static String checkExpression(String def) {
        String d = def.strip();
        if (d.endsWith(" NOT VALID")) d = d.substring(0, d.length() - " NOT VALID".length());
        if (d.endsWith(" NO INHERIT")) d = d.substring(0, d.length() - " NO INHERIT".length());
        if (d.startsWith("CHECK ")) d = d.substring(6).strip();
        return PostgresTypes.stripOuterParens(d);
    }

    /**
     * A clause the model has no place for, found on an object: named, since a revision made from the model
     * leaves it out and check does not see it.
     */
    private static void lost(String object, String clause, String notCompared, String created) {
        LOG.warn("{} has {}: autogenerate and check do not compare {}, and a revision that creates {} leaves it out;"
                + " add it by hand", object, clause, notCompared, created);
    }

    /** pg_get_constraintdef writes NO INHERIT after the condition, before a NOT VALID. */
    static boolean noInherit(String def) {
        String d = def.strip();
        if (d.endsWith(" NOT VALID")) d = d.substring(0, d.length() - " NOT VALID".length());
        return d.endsWith(" NO INHERIT");
    }

    /** PostgreSQL 15's SET NULL (col, ...) names the key columns it sets: the list is part of the action (t75-6). */
    static String onDelete(String code, String def) {
        java.util.regex.Matcher m = SET_COLUMNS.matcher(def);
        return m.find() ? "SET " + m.group(1) + " (" + m.group(2) + ")" : action(code);
    }

    private static final java.util.regex.Pattern SET_COLUMNS =
            java.util.regex.Pattern.compile("ON DELETE SET (NULL|DEFAULT) \\(([^)]*)\\)");

    private static String action(String code) {
        if (code == null) return null;
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> null; // 'a': NO ACTION, the default
        };
    }

    private static void indexes(Connection c, String schema, Map<Long, TableBuilder> tables) throws SQLException {
        // Indexes behind PRIMARY KEY, UNIQUE and EXCLUDE constraints belong to the constraint.
        String sql = """
                SELECT i.indrelid, ic.relname, i.indisunique, pg_get_indexdef(i.indexrelid),
                       pg_get_expr(i.indpred, i.indrelid, true), am.amname
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_am am ON am.oid = ic.relam
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid
                                  AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
                ORDER BY i.indrelid, ic.relname""";
        query(c, sql, schema, rs -> {
            TableBuilder t = tables.get(rs.getLong(1));
            if (t == null) return;
            String am = rs.getString(6);
            String def = unqualified(rs.getString(4), schema);
            String include = includeColumns(def);
            if (rs.getBoolean(3) && nullsNotDistinct(def)) {
                lost("Index " + rs.getString(2) + " on table " + t.name, "NULLS NOT DISTINCT", "NULLS NOT DISTINCT", "the index");
            }
            if (include != null) {
                LOG.warn("Index {} has INCLUDE ({}): autogenerate and check do not compare INCLUDE columns, and a revision"
                        + " that creates the index leaves them out; add them by hand", rs.getString(2), include);
            }
            t.indexes.add(new Index(rs.getString(2), indexElements(def), rs.getBoolean(3),
                    unqualified(rs.getString(5), schema), "btree".equals(am) ? null : am));
        });
    }

    /**
     * The key list of {@code pg_get_indexdef}: plain column names become column elements; anything else
     * (expressions, operator classes, DESC, collations) is kept verbatim as an expression element, in the
     * exact spelling PostgreSQL accepts inside the parentheses of CREATE INDEX.
     */
    /** The INCLUDE list of {@code pg_get_indexdef} (PostgreSQL 11+), without its parentheses; null for none. */
    static String includeColumns(String indexDef) {
        int using = indexDef.indexOf(" USING ");
        int open = indexDef.indexOf('(', using < 0 ? 0 : using);
        int close = PostgresTypes.matchingParen(indexDef, open);
        String rest = indexDef.substring(close + 1);
        if (!rest.startsWith(" INCLUDE (")) return null;
        int from = close + 1 + " INCLUDE ".length();
        return indexDef.substring(from + 1, PostgresTypes.matchingParen(indexDef, from));
    }

    /** PostgreSQL 15+: {@code NULLS NOT DISTINCT} after the key list and INCLUDE list, before WHERE. */
    static boolean nullsNotDistinct(String indexDef) {
        int using = indexDef.indexOf(" USING ");
        int close = PostgresTypes.matchingParen(indexDef, indexDef.indexOf('(', using < 0 ? 0 : using));
        if (indexDef.startsWith(" INCLUDE (", close + 1)) {
            close = PostgresTypes.matchingParen(indexDef, close + " INCLUDE (".length());
        }
        return indexDef.startsWith(" NULLS NOT DISTINCT", close + 1);
    }

    static List<IndexElement> indexElements(String indexDef) {
        int using = indexDef.indexOf(" USING ");
        int open = indexDef.indexOf('(', using < 0 ? 0 : using);
        int close = PostgresTypes.matchingParen(indexDef, open);
        List<IndexElement> out = new ArrayList<>();
        for (String item : PostgresTypes.splitTopLevel(indexDef.substring(open + 1, close))) {
            String name = PostgresTypes.plainIdentifier(item);
            out.add(name != null ? IndexElement.column(name) : IndexElement.expression(item));
        }
        return out;
    }

    private static List<Sequence> sequences(Connection c, String schema) throws SQLException {
        List<Sequence> out = new ArrayList<>();
        String sql = """
                SELECT sc.relname, s.seqstart, s.seqincrement, format_type(s.seqtypid, NULL), s.seqmin, s.seqmax,
                       s.seqcache, s.seqcycle
                FROM pg_sequence s
                JOIN pg_class sc ON sc.oid = s.seqrelid
                JOIN pg_namespace n ON n.oid = sc.relnamespace
                WHERE n.nspname = ?
                  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                                  AND e.objid = s.seqrelid AND e.deptype = 'e')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = s.seqrelid
                                  AND d.classid = 'pg_class'::regclass AND d.refobjsubid > 0
                                  AND d.deptype IN ('a', 'i'))
                ORDER BY sc.relname""";
        query(c, sql, schema, rs -> {
            long start = rs.getLong(2);
            long inc = rs.getLong(3);
            SqlType type = PostgresTypes.parse(rs.getString(4));
            SequenceOptions options = options(type, inc, rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBoolean(8));
            out.add(new Sequence(null, rs.getString(1), start == 1 ? null : start, inc == 1 ? null : inc,
                    options.withType(type.kind() == SqlType.Kind.BIGINT ? null : type)));
        });
        return out;
    }

    /**
     * A sequence's options as PostgreSQL keeps them ({@link ReflectionSupport#sequenceOptions}): pg_sequence has
     * every value (none null), and its default cache is 1.
     */
    static SequenceOptions options(SqlType type, long increment, long min, long max, long cache, boolean cycle) {
        return ReflectionSupport.sequenceOptions(type, increment, min, max, cache, 1, cycle);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) return List.of();
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }
}
