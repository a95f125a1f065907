package dev.retort.dialect.sqlite;

import dev.retort.dialect.Reflector;
import dev.retort.dialect.sqlite.SqliteDdlParser.Declared;
import dev.retort.dialect.sqlite.SqliteDdlParser.ParsedIndex;
import dev.retort.dialect.sqlite.SqliteDdlParser.ParsedTable;
import dev.retort.dialect.sqlite.SqliteTableInfo.StoredSql;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SQLite schema with four queries whatever the number of tables: {@code sqlite_master} once,
 * then columns, indexes and foreign keys each through one join of {@code sqlite_master} with the
 * pragma table-valued functions. What the pragmas do not report (constraint names, CHECK expressions,
 * AUTOINCREMENT, partial-index predicates, index expressions) comes from the stored CREATE texts.
 * <p>
 * Skipped: SQLite's own {@code sqlite_%} tables, virtual tables (FTS, R*Tree: not ordinary tables,
 * their shape belongs to the module) and the shadow tables that hold a virtual table's data.
 * <p>
 * A column's declared collation is the column's, an index element's is part of the element
 * ({@code name COLLATE NOCASE DESC}). A constraint's {@code ON CONFLICT} clause has no place in the model:
 * named in a warning.
 */
final class SqliteReflector implements Reflector {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqliteReflector.class);
    /** Suffixes of the shadow tables FTS3/4/5 and R*Tree keep next to a virtual table. */
    private static final Set<String> SHADOW_SUFFIXES = Set.of(
            "content", "segments", "segdir", "docsize", "stat", "data", "idx", "config", "node", "parent",
            "rowid");

    private final SqliteDialect dialect;

    SqliteReflector(SqliteDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public SchemaModel reflect(Connection connection, String schema) throws SQLException {
        Map<String, SqliteTableInfo> infos = reflectTables(connection, schema);
        for (SqliteTableInfo info : infos.values()) warnLost(info);
        List<Table> tables = infos.values().stream().map(SqliteTableInfo::table).toList();
        return new SchemaModel(tables, List.of(), List.of());
    }

    /** A column's declared collation, in SQLite's (case-insensitive) names upper-cased; null for BINARY, the default. */
    private static String collation(Map<String, String> collations, String column) {
        for (Map.Entry<String, String> e : collations.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue().equalsIgnoreCase("BINARY") ? null : e.getValue().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Only where a model or database is read for comparison: move-and-copy reads tables too, and keeps them. */
    private static void warnLost(SqliteTableInfo info) {
        String table = info.table().name();
        List<SqliteTokenizer.Token> t = SqliteTokenizer.tokenize(info.createSql());
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).isWord("ON") && t.get(i + 1).isWord("CONFLICT")) {
                LOG.warn("Table {} has ON CONFLICT {}: autogenerate and check do not compare conflict clauses, and a"
                        + " revision that creates the table leaves it out; add it by hand", table, t.get(i + 2).upper());
            }
        }
    }

    /** Every ordinary table of {@code schema} (null: main) with its SQLite details, by name, in name order. */
    Map<String, SqliteTableInfo> reflectTables(Connection connection, String schema) throws SQLException {
        String s = schema == null || schema.isEmpty() ? "main" : schema;
        String master = dialect.quote(s) + ".sqlite_master";
        String lit = "'" + s.replace("'", "''") + "'";
        String ordinary = " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                + " AND m.sql NOT LIKE 'CREATE VIRTUAL%'";

        Map<String, String> createSql = new LinkedHashMap<>();
        Set<String> virtual = new HashSet<>();
        Map<String, List<StoredSql>> triggers = new HashMap<>();
        Map<String, String> indexSql = new HashMap<>();
        List<StoredSql> views = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT type, name, tbl_name, sql FROM " + master + " ORDER BY name")) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    String name = rs.getString(2);
                    String sql = rs.getString(4);
                    switch (type) {
                        case "table" -> {
                            if (sql != null && sql.regionMatches(true, 0, "CREATE VIRTUAL", 0, 14)) virtual.add(name);
                            else if (!name.startsWith("sqlite_")) createSql.put(name, sql);
                        }
                        case "trigger" -> triggers.computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                                .add(new StoredSql(name, sql));
                        case "index" -> {
                            if (sql != null) indexSql.put(name, sql);
                        }
                        case "view" -> views.add(new StoredSql(name, sql));
                        default -> { }
                    }
                }
            }
            createSql.keySet().removeIf(name -> isShadow(name, virtual));

            Map<String, List<Column>> columns = new HashMap<>();
            Map<String, Map<String, String>> declared = new HashMap<>();
            Map<String, List<String[]>> pkColumns = new HashMap<>(); // [position, name]
            Map<String, Map<String, Integer>> generatedKinds = new HashMap<>(); // 2 VIRTUAL, 3 STORED
            // table_xinfo, not table_info: the latter leaves generated columns out
            try (ResultSet rs = st.executeQuery("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden"
                    + " FROM " + master + " m JOIN pragma_table_xinfo(m.name, " + lit + ") p" + ordinary
                    + " ORDER BY m.name, p.cid")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String col = rs.getString(2);
                    String type = rs.getString(3);
                    int pk = rs.getInt(6);
                    int hidden = rs.getInt(7);
                    if (hidden == 1) continue; // a virtual table's hidden column
                    if (hidden >= 2) generatedKinds.computeIfAbsent(table, k -> new HashMap<>()).put(col, hidden);
                    declared.computeIfAbsent(table, k -> new HashMap<>()).put(col, type == null ? "" : type);
                    columns.computeIfAbsent(table, k -> new ArrayList<>()).add(new Column(col,
                            SqliteTypes.fromDeclared(type), rs.getInt(4) == 0, rs.getString(5), false, null));
                    if (pk > 0) pkColumns.computeIfAbsent(table, k -> new ArrayList<>()).add(new String[]{
                            String.valueOf(pk), col});
                }
            }

            // table -> index name -> rows [table, index, unique, origin, cid, column, descending, collation]: by table,
            // so that each table reads only its own (t80-1: a walk of every index per table was quadratic)
            Map<String, Map<String, List<Object[]>>> indexRows = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT m.name, l.name, l.\"unique\", l.origin, x.cid, x.name, x.\"desc\", x.coll"
                    + " FROM " + master + " m JOIN pragma_index_list(m.name, " + lit + ") l"
                    + " JOIN pragma_index_xinfo(l.name, " + lit + ") x" + ordinary + " AND x.key = 1"
                    + " ORDER BY m.name, l.name, x.seqno")) {
                while (rs.next()) {
                    indexRows.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new Object[]{
                            rs.getString(1), rs.getString(2), rs.getInt(3) == 1, rs.getString(4), rs.getInt(5),
                            rs.getString(6), rs.getInt(7) == 1, rs.getString(8)});
                }
            }

            // foreign keys: table -> id -> rows
            Map<String, Map<Integer, List<String[]>>> fkRows = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\","
                    + " f.on_update, f.on_delete FROM " + master + " m JOIN pragma_foreign_key_list(m.name, "
                    + lit + ") f" + ordinary + " ORDER BY m.name, f.id, f.seq")) {
                while (rs.next()) {
                    fkRows.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getInt(2), k -> new ArrayList<>())
                            .add(new String[]{rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getString(7)});
                }
            }

            Map<String, List<String>> referencedBy = new HashMap<>();
            Map<String, List<SqliteTableInfo.Reference>> references = new HashMap<>();
            fkRows.forEach((child, fks) -> fks.values().forEach(rows -> {
                String parent = rows.get(0)[0];
                List<String> list = referencedBy.computeIfAbsent(parent.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                if (!list.contains(child)) list.add(child);
                if (!child.equalsIgnoreCase(parent)) {
                    references.computeIfAbsent(parent.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(new SqliteTableInfo.Reference(child, rows.stream().map(r -> r[1]).toList(),
                                    rows.stream().map(r -> r[2]).filter(x -> x != null).toList()));
                }
            }));

            Set<String> tableNames = new HashSet<>();
            for (String name : createSql.keySet()) tableNames.add(name.toLowerCase(Locale.ROOT));
            Map<String, List<StoredSql>> viewsNaming = viewsNaming(views, tableNames);
            Map<String, List<StoredSql>> otherTriggersNaming = otherTriggersNaming(triggers, tableNames);
            Map<String, SqliteTableInfo> out = new LinkedHashMap<>();
            for (var e : createSql.entrySet()) {
                String name = e.getKey();
                ParsedTable parsed = SqliteDdlParser.parseCreateTable(e.getValue());
                List<Column> cols = new ArrayList<>(columns.getOrDefault(name, List.of()));
                List<String[]> pkc = new ArrayList<>(pkColumns.getOrDefault(name, List.of()));
                pkc.sort(Comparator.comparingInt(a -> Integer.parseInt(a[0])));
                PrimaryKey pk = pkc.isEmpty() ? null : new PrimaryKey(
                        parsed.ofKind("PRIMARY KEY").stream().map(Declared::name).filter(n -> n != null).findFirst().orElse(null),
                        pkc.stream().map(a -> a[1]).toList());
                for (int i = 0; i < cols.size(); i++) {
                    Column c = cols.get(i);
                    boolean auto = containsIgnoreCase(parsed.autoincrementColumns(), c.name());
                    boolean rowidAlias = pk != null && pk.columns().size() == 1 && pk.columns().get(0).equals(c.name())
                            && "INTEGER".equalsIgnoreCase(declared.get(name).get(c.name()))
                            && !parsed.options().toUpperCase(Locale.ROOT).contains("WITHOUT");
                    // a rowid alias can never hold NULL, whatever the declaration says
                    c = c.withAutoincrement(auto).withNullable(c.nullable() && !rowidAlias);
                    String spelled = declared.get(name).get(c.name());
                    Integer generatedKind = generatedKinds.getOrDefault(name, Map.of()).get(c.name());
                    if (generatedKind != null) {
                        c = c.withType(generatedType(spelled, parsed.columnDef(c.name()), generatedKind == 3));
                    }
                    if (!auto && !rowidAlias && c.type().kind() == SqlType.Kind.INTEGER && spelled != null
                            && pk != null && pk.columns().size() == 1 && pk.columns().get(0).equals(c.name())) {
                        // INT (not INTEGER) keeps the key out of the rowid: kept as written so that creating it
                        // again does not turn it into an alias (which numbers NULL keys and takes only integers)
                        c = c.withType(SqlType.raw(spelled));
                    }
                    String collation = collation(parsed.collations(), c.name());
                    if (collation != null && generatedKind == null && !auto) c = c.withCollation(collation);
                    cols.set(i, c);
                }

                List<UniqueConstraint> uniques = new ArrayList<>();
                List<Index> indexes = new ArrayList<>();
                List<StoredSql> storedIndexes = new ArrayList<>();
                for (List<Object[]> rows : indexRows.getOrDefault(name, Map.of()).values()) {
                    Object[] head = rows.get(0);
                    String indexName = (String) head[1];
                    String origin = (String) head[3];
                    List<String> colNames = rows.stream().map(r -> (String) r[5]).toList();
                    if ("u".equals(origin)) {
                        String ucName = parsed.ofKind("UNIQUE").stream()
                                .filter(d -> d.name() != null && equalsIgnoreCase(d.columns(), colNames))
                                .map(Declared::name).findFirst().orElse(null);
                        uniques.add(new UniqueConstraint(ucName, colNames));
                    } else if ("c".equals(origin)) {
                        String sql = indexSql.get(indexName);
                        ParsedIndex pi = sql == null ? null : SqliteDdlParser.parseCreateIndex(sql);
                        List<IndexElement> elements = new ArrayList<>();
                        for (int k = 0; k < rows.size(); k++) {
                            int cid = (Integer) rows.get(k)[4];
                            // a descending element keeps its DESC, as PostgreSQL and H2 elements do
                            String desc = (Boolean) rows.get(k)[6] ? " DESC" : "";
                            String coll = (String) rows.get(k)[7];
                            // so is its collation (the column's, or the element's own): NOCASE makes another index
                            String collate = coll == null || coll.equalsIgnoreCase("BINARY") ? ""
                                    : " COLLATE " + coll.toUpperCase(Locale.ROOT);
                            if (cid == -2 && pi != null && k < pi.elements().size()) {
                                String expr = stripDirection(pi.elements().get(k));
                                elements.add(IndexElement.expression(desc.isEmpty() ? expr : "(" + expr + ")" + desc));
                            } else if (!desc.isEmpty() || !collate.isEmpty()) {
                                elements.add(IndexElement.expression(dialect.quote((String) rows.get(k)[5]) + collate + desc));
                            } else {
                                elements.add(IndexElement.column((String) rows.get(k)[5]));
                            }
                        }
                        indexes.add(new Index(indexName, elements, (Boolean) head[2], pi == null ? null : pi.where()));
                        if (sql != null) storedIndexes.add(new StoredSql(indexName, sql));
                    }
                }
                uniques.sort(Comparator.comparing((UniqueConstraint u) -> u.columns().toString()));

                List<ForeignKey> fks = new ArrayList<>();
                List<Declared> declaredFks = parsed.ofKind("FOREIGN KEY");
                List<Map.Entry<Integer, List<String[]>>> fkList = new ArrayList<>(
                        fkRows.getOrDefault(name, Map.of()).entrySet());
                fkList.sort(Map.Entry.<Integer, List<String[]>>comparingByKey().reversed()); // SQLite numbers them last-first
                List<List<String>> fromColumns = new ArrayList<>();
                List<String> refTables = new ArrayList<>();
                for (var fk : fkList) {
                    fromColumns.add(fk.getValue().stream().map(r -> r[1]).toList());
                    refTables.add(fk.getValue().get(0)[0]);
                }
                List<Declared> declarations = SqliteDdlParser.pairForeignKeys(declaredFks, fromColumns, refTables);
                for (int k = 0; k < fkList.size(); k++) {
                    List<String[]> rows = fkList.get(k).getValue();
                    List<String> to = rows.stream().map(r -> r[2]).filter(x -> x != null).toList();
                    Declared d = declarations.get(k);
                    fks.add(new ForeignKey(d == null ? null : d.name(), fromColumns.get(k), null, refTables.get(k), to,
                            action(rows.get(0)[4]), action(rows.get(0)[3]),
                            SqliteDdlParser.deferralOf(d == null ? null : d.expression())));
                }

                List<CheckConstraint> checks = parsed.ofKind("CHECK").stream()
                        .map(d -> new CheckConstraint(d.name(), d.expression())).toList();

                Table table = new Table(schema == null || schema.isEmpty() || schema.equals("main") ? null : schema,
                        name, cols, pk, fks, uniques, checks, indexes, null, SqliteTypes.options(parsed.options()));
                out.put(name, new SqliteTableInfo(table, declared.getOrDefault(name, Map.of()), e.getValue(),
                        parsed.options(), parsed.generatedColumns(), storedIndexes,
                        triggers.getOrDefault(name, List.of()),
                        referencedBy.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()), parsed.collations(),
                        viewsNaming.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()),
                        otherTriggersNaming.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()),
                        references.getOrDefault(name.toLowerCase(Locale.ROOT), List.of())));
            }
            return out;
        }
    }

    /**
     * A generated column's type as the model carries it on every engine: the declared type followed by
     * {@code GENERATED ALWAYS AS (expression) VIRTUAL|STORED}, in one raw type (SQLite takes it so in CREATE TABLE).
     */
    private static SqlType generatedType(String declared, SqliteDdlParser.ColumnDef def, boolean stored) {
        String expression = null;
        if (def != null) {
            for (SqliteDdlParser.Clause clause : def.clauses()) {
                if (!clause.kind().equals("GENERATED")) continue;
                List<SqliteTokenizer.Token> t = SqliteTokenizer.tokenize(clause.text());
                for (int k = 0; k < t.size(); k++) {
                    if (t.get(k).isPunct('(')) {
                        int close = SqliteTokenizer.matchParen(t, k);
                        if (close > k + 1 && close < t.size()) {
                            expression = clause.text().substring(t.get(k + 1).start(), t.get(close - 1).end()).trim();
                        }
                        break;
                    }
                }
            }
        }
        String type = declared == null || declared.isBlank() ? "" : declared.trim() + " ";
        if (expression == null) return SqlType.raw(type.trim());
        return SqlType.raw(type + "GENERATED ALWAYS AS (" + expression + ") " + (stored ? "STORED" : "VIRTUAL"));
    }

    /**
     * Per table (lower case), the triggers on other tables whose SQL names it (a body that updates it), by trigger name;
     * each trigger's SQL read once (t80-1: once per table was quadratic).
     */
    static Map<String, List<StoredSql>> otherTriggersNaming(Map<String, List<StoredSql>> triggersByTable, Set<String> lowerTables) {
        Map<String, List<StoredSql>> out = new HashMap<>();
        triggersByTable.forEach((on, triggers) -> {
            for (StoredSql trigger : triggers) {
                for (String named : SqliteTableCopy.mentioned(trigger.sql(), lowerTables)) {
                    String table = named.toLowerCase(Locale.ROOT);
                    if (!table.equalsIgnoreCase(on)) out.computeIfAbsent(table, k -> new ArrayList<>()).add(trigger);
                }
            }
        });
        out.values().forEach(list -> list.sort(Comparator.comparing(StoredSql::name)));
        return out;
    }

    /** Per table (lower case), the views whose SQL names it, in {@code views}' order; each view's SQL read once. */
    static Map<String, List<StoredSql>> viewsNaming(List<StoredSql> views, Set<String> lowerTables) {
        Map<String, List<StoredSql>> out = new HashMap<>();
        for (StoredSql view : views) {
            for (String named : SqliteTableCopy.mentioned(view.sql(), lowerTables)) {
                out.computeIfAbsent(named.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(view);
            }
        }
        return out;
    }

    private static boolean isShadow(String name, Set<String> virtualTables) {
        for (String v : virtualTables) {
            if (name.length() > v.length() + 1 && name.regionMatches(true, 0, v + "_", 0, v.length() + 1)
                    && SHADOW_SUFFIXES.contains(name.substring(v.length() + 1).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** SQLite reports "NO ACTION" for an action left unsaid; the model says null for the default. */
    private static String action(String a) {
        return a == null || a.equalsIgnoreCase("NO ACTION") ? null : a;
    }

    /** An index expression as the model holds it: without ASC/DESC and without parentheses around the whole. */
    private static String stripDirection(String element) {
        String e = element.replaceAll("(?i)\\s+(ASC|DESC)\\s*$", "").trim();
        List<SqliteTokenizer.Token> t = SqliteTokenizer.tokenize(e);
        while (t.size() > 2 && t.get(0).isPunct('(') && SqliteTokenizer.matchParen(t, 0) == t.size() - 1) {
            e = e.substring(t.get(1).start(), t.get(t.size() - 2).end()).trim();
            t = SqliteTokenizer.tokenize(e);
        }
        return e;
    }

    private static boolean containsIgnoreCase(List<String> list, String s) {
        return list.stream().anyMatch(x -> x.equalsIgnoreCase(s));
    }

    private static boolean equalsIgnoreCase(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equalsIgnoreCase(b.get(i))) return false;
        return true;
    }
}
