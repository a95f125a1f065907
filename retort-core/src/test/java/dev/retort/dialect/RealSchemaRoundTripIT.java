package dev.retort.dialect;

import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateSequence;
import dev.retort.ops.CreateTable;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Sequence;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.testing.Engine;
import dev.retort.testing.SchemaSnapshot;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Real public schemas (../shared/schemas) built with Retort's operations: each file is loaded into a
 * database, its tables are read from the catalog (a small test-only reader, not the product's
 * reflector) and turned into operations; a second database that has the file's other objects (types,
 * domains, functions) but none of its tables or sequences gets those operations, online and as an
 * offline script; tables, columns, keys, indexes, foreign keys, checks and sequences must come out
 * the same as loading the file directly.
 */
class RealSchemaRoundTripIT {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POSTGRESQL, postgresql/pagila.sql", "POSTGRESQL, postgresql/liberapay.sql",
            "POSTGRESQL, postgresql/synapse.sql", "POSTGRESQL, postgresql/danbooru.sql",
            "MARIADB, mysql/sakila.sql", "MARIADB, mysql/ambari.sql"})
    void buildingTheTablesWithOperationsGivesTheSameSchema(Engine engine, String file) throws Exception {
        Path path = TestDatabase.schemasDir().resolve(file);
        String ddl = Files.readString(path, StandardCharsets.UTF_8)
                .replace("CREATE SCHEMA sakila;", "").replace("USE sakila;", "").replace("sakila.", "");
        Dialect d = OpsHarness.dialect(engine);
        List<String> expected;
        List<Operation> ops;
        Set<String> tables;
        try (TestDatabase original = TestDatabase.create(engine)) {
            OpsHarness.runScript(original, ddl);
            try (Connection c = original.connect()) {
                Reading r = engine == Engine.POSTGRESQL ? readPostgres(c) : readMariaDb(c);
                ops = r.ops();
                tables = r.tables();
                expected = only(SchemaSnapshot.of(engine, c), tables);
            }
        }
        try (TestDatabase online = TestDatabase.create(engine)) {
            OpsHarness.runScript(online, ddl);
            try (Connection c = online.connect()) {
                dropTablesAndSequences(engine, c);
                OpsHarness.applyOnline(d, c, ops);
                SchemaSnapshot.assertSame(only(SchemaSnapshot.of(engine, c), tables), expected, file + " online");
            }
        }
        try (TestDatabase offline = TestDatabase.create(engine)) {
            OpsHarness.runScript(offline, ddl);
            try (Connection c = offline.connect()) {
                dropTablesAndSequences(engine, c);
            }
            OpsHarness.runScript(offline, OpsHarness.script(d, ops));
            try (Connection c = offline.connect()) {
                SchemaSnapshot.assertSame(only(SchemaSnapshot.of(engine, c), tables), expected, file + " offline");
            }
        }
    }

    record Reading(List<Operation> ops, Set<String> tables) {
    }

    /** Snapshot lines about the rebuilt tables and about sequences. */
    private static List<String> only(List<String> lines, Set<String> tables) {
        return lines.stream().filter(l -> {
            String[] parts = l.split(" ", 3);
            if (parts[0].equals("sequence") || parts[0].equals("enum")) return true;
            String obj = parts.length > 1 ? parts[1] : "";
            return tables.stream().anyMatch(t -> obj.equals(t) || obj.startsWith(t + "."));
        }).toList();
    }

    private static void dropTablesAndSequences(Engine engine, Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (engine == Engine.POSTGRESQL) {
                List<String> drops = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT format('DROP TABLE IF EXISTS %I.%I CASCADE', n.nspname, c.relname) "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
                        + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') "
                        + "UNION ALL SELECT format('DROP SEQUENCE IF EXISTS %I.%I CASCADE', sequence_schema, sequence_name) "
                        + "FROM information_schema.sequences")) {
                    while (rs.next()) drops.add(rs.getString(1));
                }
                c.setAutoCommit(false);
                for (String sql : drops) s.execute(sql);
                c.commit();
                c.setAutoCommit(true);
            } else {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES "
                        + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SEQUENCE')")) {
                    while (rs.next()) names.add(rs.getString(1));
                }
                s.execute("SET FOREIGN_KEY_CHECKS = 0");
                for (String n : names) s.execute("DROP TABLE `" + n.replace("`", "``") + "`");
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
        }
    }

    // --- PostgreSQL catalog reader

    private static Reading readPostgres(Connection c) throws SQLException {
        List<Operation> ops = new ArrayList<>();
        List<Operation> later = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> s : rows(c, "SELECT s.sequence_schema, s.sequence_name, s.start_value::bigint, s.increment::bigint "
                + "FROM information_schema.sequences s JOIN pg_class c ON c.relname = s.sequence_name "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.sequence_schema "
                + "WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i')")) {
            ops.add(new CreateSequence(new Sequence(str(s, 1), str(s, 2), ((Number) s.get("3")).longValue(),
                    ((Number) s.get("4")).longValue())));
        }
        List<Map<String, Object>> tables = rows(c, "SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class') "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND NOT c.relispartition "
                + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') ORDER BY 2, 3");
        Set<Long> rebuilt = new java.util.HashSet<>();
        for (Map<String, Object> t : tables) rebuilt.add(((Number) t.get("1")).longValue());
        for (Map<String, Object> t : tables) {
            long oid = ((Number) t.get("1")).longValue();
            String schema = str(t, 2), name = str(t, 3);
            names.add(schema + "." + name);
            Map<Integer, String> attnames = new LinkedHashMap<>();
            List<Column> columns = new ArrayList<>();
            for (Map<String, Object> a : rows(c, "SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                    + "pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, col_description(a.attrelid, a.attnum) "
                    + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                    + "WHERE a.attrelid = " + oid + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                attnames.put(((Number) a.get("1")).intValue(), str(a, 2));
                String type = str(a, 3), dflt = str(a, 5), identity = str(a, 6), generated = str(a, 7);
                boolean autoinc = "d".equals(identity);
                if ("a".equals(identity)) type += " GENERATED ALWAYS AS IDENTITY";
                if ("s".equals(generated)) {
                    type += " GENERATED ALWAYS AS (" + dflt + ") STORED";
                    dflt = null;
                }
                columns.add(new Column(str(a, 2), SqlType.raw(type), !(Boolean) a.get("4"), dflt, autoinc, str(a, 8)));
            }
            PrimaryKey pk = null;
            List<dev.retort.schema.UniqueConstraint> uniques = new ArrayList<>();
            List<CheckConstraint> checks = new ArrayList<>();
            for (Map<String, Object> k : rows(c, "SELECT conname, contype, conkey::int[], confrelid, confkey::int[], "
                    + "confdeltype, confupdtype, pg_get_constraintdef(oid), confrelid::regclass::text FROM pg_constraint "
                    + "WHERE conrelid = " + oid + " ORDER BY conname")) {
                String kname = str(k, 1), type = str(k, 2), def = str(k, 8);
                List<String> cols = cols(k.get("3"), attnames);
                switch (type) {
                    case "p" -> pk = new PrimaryKey(kname, cols);
                    case "u" -> {
                        if (def.startsWith("UNIQUE (")) uniques.add(new dev.retort.schema.UniqueConstraint(kname, cols));
                        else later.add(Execute.of("ALTER TABLE " + qi(schema) + "." + qi(name) + " ADD CONSTRAINT " + qi(kname) + " " + def));
                    }
                    case "c" -> {
                        if (def.endsWith("NOT VALID")) def = def.substring(0, def.length() - 9).strip();
                        checks.add(new CheckConstraint(kname, def.substring("CHECK (".length(), def.length() - 1)));
                    }
                    case "f" -> {
                        long ref = ((Number) k.get("4")).longValue();
                        if (!rebuilt.contains(ref) || def.contains("MATCH FULL") || def.contains("DEFERRABLE")) {
                            later.add(Execute.of("ALTER TABLE " + qi(schema) + "." + qi(name) + " ADD CONSTRAINT " + qi(kname) + " " + def));
                            break;
                        }
                        Map<String, Object> refTable = rows(c, "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n "
                                + "ON n.oid = c.relnamespace WHERE c.oid = " + ref).get(0);
                        Map<Integer, String> refAtt = new LinkedHashMap<>();
                        for (Map<String, Object> a : rows(c, "SELECT attnum, attname FROM pg_attribute WHERE attrelid = " + ref + " AND attnum > 0")) {
                            refAtt.put(((Number) a.get("1")).intValue(), str(a, 2));
                        }
                        later.add(new CreateForeignKey(schema, name, new ForeignKey(kname, cols, str(refTable, 1), str(refTable, 2),
                                cols(k.get("5"), refAtt), action(str(k, 6)), action(str(k, 7)))));
                    }
                    default -> later.add(Execute.of("ALTER TABLE " + qi(schema) + "." + qi(name) + " ADD CONSTRAINT " + qi(kname) + " " + def));
                }
            }
            List<Index> indexes = new ArrayList<>();
            for (Map<String, Object> i : rows(c, "SELECT ic.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid), "
                    + "i.indkey::int[], am.amname, pg_get_indexdef(i.indexrelid), i.indnkeyatts, i.indexrelid "
                    + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
                    + "WHERE i.indrelid = " + oid + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
                    + "AND k.conrelid = i.indrelid) ORDER BY 1")) {
                String def = str(i, 6);
                boolean plain = str(i, 5).equals("btree") && !def.contains(" DESC") && !def.contains(" INCLUDE ")
                        && !def.contains(" COLLATE ") && !def.matches(".*\\w_ops\\b.*") && !def.contains("NULLS");
                if (!plain) {
                    later.add(Execute.of(def));
                    continue;
                }
                Object[] keys = (Object[]) ((java.sql.Array) i.get("4")).getArray();
                List<IndexElement> elements = new ArrayList<>();
                for (int n = 0; n < keys.length; n++) {
                    int attnum = ((Number) keys[n]).intValue();
                    if (attnum > 0) elements.add(IndexElement.column(attnames.get(attnum)));
                    else elements.add(IndexElement.expression(str(rows(c, "SELECT pg_get_indexdef(" + i.get("8") + ", " + (n + 1)
                            + ", true)").get(0), 1)));
                }
                indexes.add(new Index(str(i, 1), elements, (Boolean) i.get("2"), str(i, 3)));
            }
            ops.add(new CreateTable(new Table(schema, name, columns, pk, List.of(), uniques, checks, indexes, str(t, 4))));
        }
        ops.addAll(later);
        return new Reading(ops, names);
    }

    private static String action(String code) {
        return switch (code) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> null; // 'a': NO ACTION, the default
        };
    }

    private static List<String> cols(Object array, Map<Integer, String> names) throws SQLException {
        Object[] nums = (Object[]) ((java.sql.Array) array).getArray();
        List<String> out = new ArrayList<>();
        for (Object n : nums) out.add(names.get(((Number) n).intValue()));
        return out;
    }

    private static String qi(String id) {
        return "\"" + id.replace("\"", "\"\"") + "\"";
    }

    // --- MariaDB catalog reader

    private static Reading readMariaDb(Connection c) throws SQLException {
        List<Operation> ops = new ArrayList<>();
        List<Operation> later = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> t : rows(c, "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1")) {
            String name = str(t, 1);
            names.add(name);
            List<Column> columns = new ArrayList<>();
            for (Map<String, Object> a : rows(c, "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
                    + "COLUMN_COMMENT, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", name)) {
                String type = str(a, 2), dflt = str(a, 4), extra = str(a, 5).toLowerCase(Locale.ROOT);
                if ("NULL".equalsIgnoreCase(dflt)) dflt = null;
                if (extra.contains("generated")) {
                    type += " AS (" + str(a, 7) + ")" + (extra.contains("stored") ? " STORED" : " VIRTUAL");
                    dflt = null;
                }
                if (extra.contains("on update")) type += " " + extra.substring(extra.indexOf("on update")).toUpperCase(Locale.ROOT);
                String comment = str(a, 6);
                columns.add(new Column(str(a, 1), SqlType.raw(type), "YES".equals(str(a, 3)), dflt,
                        extra.contains("auto_increment"), comment.isEmpty() ? null : comment));
            }
            PrimaryKey pk = null;
            List<Index> indexes = new ArrayList<>();
            Map<String, List<Map<String, Object>>> byIndex = new LinkedHashMap<>();
            for (Map<String, Object> s : rows(c, "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE "
                    + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
                    + "ORDER BY INDEX_NAME, SEQ_IN_INDEX", name)) {
                byIndex.computeIfAbsent(str(s, 1), k -> new ArrayList<>()).add(s);
            }
            for (var e : byIndex.entrySet()) {
                List<Map<String, Object>> parts = e.getValue();
                List<String> cols = parts.stream().map(p -> str(p, 3)).toList();
                if (e.getKey().equals("PRIMARY")) {
                    pk = new PrimaryKey(null, cols);
                    continue;
                }
                boolean unique = ((Number) parts.get(0).get("2")).intValue() == 0;
                String kind = str(parts.get(0), 5);
                if (parts.stream().anyMatch(p -> p.get("4") != null) || !kind.equals("BTREE")) {
                    StringBuilder sql = new StringBuilder("CREATE ").append(unique ? "UNIQUE " : "")
                            .append(kind.equals("FULLTEXT") || kind.equals("SPATIAL") ? kind + " " : "")
                            .append("INDEX `").append(e.getKey()).append("` ON `").append(name).append("` (");
                    for (int i = 0; i < parts.size(); i++) {
                        Map<String, Object> p = parts.get(i);
                        sql.append(i == 0 ? "" : ", ").append('`').append(str(p, 3)).append('`')
                                .append(p.get("4") != null ? "(" + p.get("4") + ")" : "");
                    }
                    later.add(0, Execute.of(sql.append(')').toString()));
                    continue;
                }
                indexes.add(new Index(e.getKey(), cols.stream().map(IndexElement::column).toList(), unique, null));
            }
            List<CheckConstraint> checks = new ArrayList<>();
            for (Map<String, Object> k : rows(c, "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                    + "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY 1", name)) {
                checks.add(new CheckConstraint(str(k, 1), str(k, 2)));
            }
            for (Map<String, Object> f : rows(c, "SELECT r.CONSTRAINT_NAME, r.REFERENCED_TABLE_NAME, r.DELETE_RULE, r.UPDATE_RULE, "
                    + "GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR '\\n'), "
                    + "GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR '\\n') "
                    + "FROM information_schema.REFERENTIAL_CONSTRAINTS r JOIN information_schema.KEY_COLUMN_USAGE k "
                    + "ON k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME AND k.TABLE_NAME = r.TABLE_NAME "
                    + "WHERE r.CONSTRAINT_SCHEMA = DATABASE() AND r.TABLE_NAME = ? GROUP BY 1, 2, 3, 4 ORDER BY 1", name)) {
                later.add(new CreateForeignKey(null, name, new ForeignKey(str(f, 1), List.of(str(f, 5).split("\n")), null,
                        str(f, 2), List.of(str(f, 6).split("\n")), mysqlAction(str(f, 3)), mysqlAction(str(f, 4)))));
            }
            String comment = str(t, 2);
            ops.add(new CreateTable(new Table(null, name, columns, pk, List.of(), List.of(), checks, indexes,
                    comment == null || comment.isEmpty() ? null : comment)));
        }
        ops.addAll(later);
        return new Reading(ops, names);
    }

    private static String mysqlAction(String rule) {
        return rule.equals("RESTRICT") || rule.equals("NO ACTION") ? null : rule;
    }

    // --- JDBC plumbing

    private static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) row.put(String.valueOf(i), rs.getObject(i));
                    out.add(row);
                }
                return out;
            }
        }
    }

    private static String str(Map<String, Object> row, int column) {
        Object v = row.get(String.valueOf(column));
        return v == null ? null : v.toString();
    }
}
