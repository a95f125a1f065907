package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Plan;
import dev.retort.testing.Clients;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;

import static dev.retort.migration.Migration.DATE;
import static dev.retort.migration.Migration.DOUBLE;
import static dev.retort.migration.Migration.INTEGER;
import static dev.retort.migration.Migration.TEXT;
import static dev.retort.migration.Migration.TIMESTAMP;
import static dev.retort.migration.Migration.TIMESTAMPTZ;
import static dev.retort.migration.Migration.string;
import static dev.retort.migration.Migration.column;
import static dev.retort.migration.Migration.numeric;
import static dev.retort.migration.Migration.raw;
import static dev.retort.migration.Migration.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values of data migrations store the same rows online and through the {@code --sql} script (t38). */
class DataValuesIT {

    /** t38-3: numeric() on H2 was a bare NUMERIC, which H2 2.x makes NUMERIC(100000, 0): 12.34 became 12. */
    @Test
    void h2NumericKeepsFractions() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("n1", List.of(), "prices", op -> {
            op.createTable("price", column("id", INTEGER).primaryKey(), column("amount", numeric()));
            op.bulkInsert("price", List.of(row("id", 1, "amount", new BigDecimal("12.34")),
                    row("id", 2, "amount", new BigDecimal("0.5"))));
            op.execute("INSERT INTO price (id, amount) VALUES (?, ?)", 3, new BigDecimal("0.001"));
            op.execute("INSERT INTO price (id, amount) VALUES (?, ?)", 4, new BigDecimal("123456789012345678901234567890.5"));
        });
        List<List<String>> both = onlineAndOffline(Engine.H2, revs,
                "SELECT id, amount FROM price ORDER BY id", rs -> rs.getInt(1) + "=" + rs.getBigDecimal(2).stripTrailingZeros().toPlainString());
        for (List<String> rows : both) {
            assertThat(rows).containsExactly("1=12.34", "2=0.5", "3=0.001", "4=123456789012345678901234567890.5");
        }
    }

    /**
     * t38-1: pgjdbc fixed a statement's parameter types from its 5th execution on, and refused a NULL or another
     * value class after that: a NULL in bulkInsert's 6th 1,000-row chunk, a Timestamp after five LocalDateTimes.
     */
    @Test
    void postgresValuesMayChangeTypeAfterTheFifthExecution() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("c1", List.of(), "bulk chunks", op -> {
            op.createTable("w", column("id", INTEGER).primaryKey(), column("label", string(60)), column("note", TEXT),
                    column("ts", TIMESTAMP));
            List<Map<String, ?>> rows = new ArrayList<>();
            for (int i = 1; i <= 6000; i++) rows.add(row("id", i, "label", "row " + i, "note", i == 5500 ? null : "x"));
            op.bulkInsert("w", rows);
            for (int i = 1; i <= 5; i++) {
                op.execute("UPDATE w SET ts = ? WHERE id = ?", LocalDateTime.of(2026, 1, i, 0, 0), i);
            }
            op.execute("UPDATE w SET ts = ? WHERE id = ?", Timestamp.valueOf("2026-02-01 00:00:00"), 6L);
            op.execute("UPDATE w SET ts = ? WHERE id = ?", null, 7);
        });
        List<List<String>> both = onlineAndOffline(Engine.POSTGRESQL, revs,
                "SELECT count(*), count(note), min(ts), max(ts), count(ts) FROM w",
                rs -> rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getInt(5));
        for (List<String> rows : both) {
            assertThat(rows).containsExactly("6000 5999 2026-01-01 00:00:00 2026-02-01 00:00:00 6");
        }
    }

    /** t38-7: H2's driver stored a java.sql.Date/Timestamp before 1582 ten days later than its literal. */
    @Test
    void h2StoresJavaSqlDateTimesBefore1582AsWritten() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("d1", List.of(), "old dates", op -> {
            op.createTable("v", column("id", INTEGER).primaryKey(), column("d", DATE), column("ts", TIMESTAMP));
            op.execute("INSERT INTO v (id, d, ts) VALUES (?, ?, ?)", 1, java.sql.Date.valueOf("1500-03-01"),
                    Timestamp.valueOf("1500-03-01 12:00:00"));
            op.bulkInsert("v", List.of(row("id", 2, "d", java.sql.Date.valueOf("1500-03-01"),
                    "ts", Timestamp.valueOf("1500-03-01 12:00:00"))));
        });
        List<List<String>> both = onlineAndOffline(Engine.H2, revs, "SELECT id, d, ts FROM v ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getObject(2, LocalDate.class) + " " + rs.getObject(3, LocalDateTime.class));
        for (List<String> rows : both) {
            assertThat(rows).containsExactly("1 1500-03-01 1500-03-01T12:00", "2 1500-03-01 1500-03-01T12:00");
        }
    }

    /** t38-8: values the --sql script renders that the online run could not bind: java.util.Date, Character. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2", "SQLITE"})
    void utilDateAndCharacterBindAsTheyRender(Engine engine) throws Exception {
        TestRevisions revs = new TestRevisions().addCode("u1", List.of(), "more values", op -> {
            op.createTable("v", column("id", INTEGER).primaryKey(), column("ts", TIMESTAMPTZ), column("s", TEXT));
            op.execute("INSERT INTO v (id, ts, s) VALUES (?, ?, ?)", 1, new java.util.Date(86_400_000L), 'x');
            op.bulkInsert("v", List.of(row("id", 2, "ts", new java.util.Date(86_400_000L), "s", 'y')));
        });
        String ts = engine == Engine.SQLITE ? "ts" : "CAST(ts AS VARCHAR(40))";
        List<List<String>> both = onlineAndOffline(engine, revs, "SELECT id, s FROM v ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2));
        for (List<String> rows : both) assertThat(rows).containsExactly("1 x", "2 y");
        assertThat(both.get(0)).isEqualTo(both.get(1));
        List<List<String>> times = onlineAndOffline(engine, revs, "SELECT id, " + ts + " FROM v ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2));
        assertThat(times.get(0)).as("online as offline").isEqualTo(times.get(1));
        if (engine != Engine.SQLITE && engine != Engine.MARIADB) {
            List<List<String>> instants = onlineAndOffline(engine, revs, "SELECT id, ts FROM v ORDER BY id",
                    rs -> rs.getInt(1) + " " + rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
            for (List<String> rows : instants) assertThat(rows).containsExactly("1 1970-01-02T00:00:00Z", "2 1970-01-02T00:00:00Z");
        }
    }

    /** t38-2: the script wrote -0.0, minus the numeric 0.0, which PostgreSQL stores as 0; online stores -0. */
    @Test
    void postgresNegativeZeroKeepsItsSign() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("z1", List.of(), "negative zero", op -> {
            op.createTable("v", column("id", INTEGER).primaryKey(), column("dbl", DOUBLE));
            op.bulkInsert("v", List.of(row("id", 1, "dbl", -0.0d), row("id", 2, "dbl", 0.0d)));
            op.execute("INSERT INTO v (id, dbl) VALUES (?, ?)", 3, -0.0d);
        });
        List<List<String>> both = onlineAndOffline(Engine.POSTGRESQL, revs, "SELECT id, dbl::text FROM v ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2));
        for (List<String> rows : both) assertThat(rows).containsExactly("1 -0", "2 0", "3 -0");
    }

    /**
     * t38-4: MariaDB's driver wrote NaN into the SQL as its name ("Unknown column 'NaN' in 'VALUES'"); refused
     * online as offline, naming the value and where it is, before anything is sent.
     */
    @Test
    void mariaDbRefusesNaNOnlineAsOffline() throws Exception {
        TestDatabase.assumeAvailable(Engine.MARIADB);
        Dialect dialect = Dialects.forName(Engine.MARIADB.dialectName());
        TestRevisions exec = new TestRevisions().addCode("f1", List.of(), "nan", op -> {
            op.createTable("v", column("id", INTEGER).primaryKey(), column("label", TEXT), column("dbl", DOUBLE));
            op.execute("INSERT INTO v (id, label, dbl) VALUES (?, ?, ?)", 1, "x", Double.NaN);
        });
        TestRevisions bulk = new TestRevisions().addCode("f1", List.of(), "infinity", op -> {
            // MariaDB keeps the table the first revision created: another one
            op.createTable("w", column("id", INTEGER).primaryKey(), column("dbl", DOUBLE));
            op.bulkInsert("w", List.of(row("id", 1, "dbl", 1.5d), row("id", 2, "dbl", Double.NEGATIVE_INFINITY)));
        });
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB); Connection c = db.connect()) {
            assertThatThrownBy(() -> new Migrator(c, dialect, RuntimeSettings.defaults(), exec).run(exec::upgradeAll, false, null))
                    .hasMessageContaining("MariaDB/MySQL has no floating point value NaN (parameter 3)")
                    .hasMessageNotContaining("Unknown column");
            assertThatThrownBy(() -> new Migrator(c, dialect, RuntimeSettings.defaults(), bulk).run(bulk::upgradeAll, false, null))
                    .hasMessageContaining("MariaDB/MySQL has no floating point value -Infinity (row 2, column dbl)");
        }
        assertThatThrownBy(() -> new OfflineScript(dialect, RuntimeSettings.defaults(), exec).render(exec.upgradeAll(Set.of()), true, null))
                .hasMessageContaining("NaN");
    }

    /** t38-6: a Java array was bound online but refused by --sql, its class named [Ljava.lang.Integer;. */
    @Test
    void postgresArraysRenderAsTheyBind() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("a1", List.of(), "arrays", op -> {
            op.createTable("m", column("id", INTEGER).primaryKey(), column("ints", raw("INT[]")), column("texts", raw("TEXT[]")));
            op.execute("INSERT INTO m (id, ints, texts) VALUES (?, ?, ?)", 1, new Integer[]{1, 2, null},
                    new String[]{"a", "b\"c", "x\\y", "{,}", null, "NULL"});
            op.execute("INSERT INTO m (id, ints) VALUES (?, ?)", 2, new Integer[]{});
            op.bulkInsert("m", List.of(row("id", 3, "ints", new int[]{4, 5}, "texts", new String[]{"é 🎉"})));
        });
        List<List<String>> both = onlineAndOffline(Engine.POSTGRESQL, revs,
                "SELECT id, ints::text, texts::text, texts[5] IS NULL FROM m ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getBoolean(4));
        for (List<String> rows : both) {
            assertThat(rows).containsExactly("1 {1,2,NULL} {a,\"b\\\"c\",\"x\\\\y\",\"{,}\",NULL,\"NULL\"} true",
                    "2 {} null true", "3 {4,5} {\"é 🎉\"} true");
        }
    }

    /**
     * t65-3: the script wrote a backslash plainly ({@code 'a\b'}, {@code '\x..'::bytea}), which a database (a role, a
     * revision) with standard_conforming_strings off reads as an escape: {@code a<BS>}, where the online run, which binds
     * the value, stored {@code a\b}. Both databases here have it off, and the revision turns it on and off again; the
     * comment, a literal online too, was changed online as well.
     */
    @Test
    void postgresBackslashesAreKeptWhateverStandardConformingStringsSays() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("b1", List.of(), "backslashes", op -> {
            op.createTable("s", column("id", INTEGER).primaryKey(), column("v", TEXT), column("b", raw("BYTEA")),
                    column("a", raw("TEXT[]")));
            op.setColumnComment("s", "v", "c:\\dir 'q'");
            op.bulkInsert("s", List.of(row("id", 1, "v", "a\\b", "b", new byte[]{92, 39, 0, 120}, "a", new String[]{"x\\y", "q\"'"}),
                    row("id", 2, "v", "q'\\n")));
            op.execute("SET standard_conforming_strings = on");
            op.execute("INSERT INTO s (id, v) VALUES (?, ?)", 3, "on\\t'");
            op.execute("SET standard_conforming_strings = off");
            op.execute("INSERT INTO s (id, v, b) VALUES (?, ?, ?)", 4, "off\\t\\\\", new byte[]{92});
        });
        List<List<String>> both = onlineAndOffline(Engine.POSTGRESQL, revs, "SELECT id, v, encode(b, 'hex'), a::text,"
                        + " col_description('s'::regclass, 2), current_setting('standard_conforming_strings') FROM s ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + " " + rs.getString(6),
                db -> {
                    try (Connection c = db.connect(); Statement s = c.createStatement()) {
                        s.execute("ALTER DATABASE " + db.name() + " SET standard_conforming_strings = off");
                    }
                });
        for (List<String> rows : both) {
            assertThat(rows).containsExactly("1 a\\b 5c270078 {\"x\\\\y\",\"q\\\"'\"} c:\\dir 'q' off",
                    "2 q'\\n null null c:\\dir 'q' off", "3 on\\t' null null c:\\dir 'q' off",
                    "4 off\\t\\\\ 5c null c:\\dir 'q' off");
        }
    }

    /**
     * t65-4: after a revision's own NO_BACKSLASH_ESCAPES the script's data literals still escaped with backslashes
     * ({@code 'a\\b'}), which that mode reads as two: the script stored {@code a\\b} where the online run, whose driver
     * follows the mode, stored {@code a\b}. The same rows now, whatever the mode, before the SET and after it.
     */
    @Test
    void mariaDbDataReadsTheSameAfterARevisionTurnsOnNoBackslashEscapes() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("b1", List.of(), "nbe", op -> {
            op.createTable("s", column("id", INTEGER).primaryKey(), column("v", string(40)));
            op.bulkInsert("s", List.of(row("id", 1, "v", "before\\'")));
            op.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
            op.bulkInsert("s", List.of(row("id", 2, "v", "a\\b"), row("id", 3, "v", "q'\\")));
            op.execute("INSERT INTO s VALUES (?, ?)", 4, "c\\'d\r\n\u001a\\\\");
            op.execute("INSERT INTO s VALUES (?, ?)", 5, '\\');
        });
        List<List<String>> both = onlineAndOffline(Engine.MARIADB, revs, "SELECT id, HEX(v) FROM s ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2));
        for (List<String> rows : both) {
            assertThat(rows).containsExactly("1 6265666F72655C27", "2 615C62", "3 71275C", "4 635C27640D0A1A5C5C", "5 5C");
        }
    }

    /**
     * t74-1: pgjdbc sent a java.sql.Timestamp/Date with the JVM's offset: online a timestamptz got another instant
     * (03:00Z for 12:00 in Asia/Tokyo) and a text column a "+09", where the script writes the wall-clock time.
     */
    @Test
    void postgresJavaSqlDateTimesStoreTheirWallClockWhateverTheJvmsZone() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("n1", List.of(), "java.sql values", op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("tz", TIMESTAMPTZ), column("ts", TIMESTAMP),
                    column("s", string(60)));
            op.bulkInsert("t", List.of(
                    row("id", 1, "tz", LocalDateTime.of(2026, 1, 1, 12, 0), "ts", LocalDateTime.of(2026, 1, 1, 12, 0),
                            "s", LocalDateTime.of(2026, 1, 1, 12, 0)),
                    row("id", 2, "tz", Timestamp.valueOf("2026-01-01 12:00:00"), "ts", Timestamp.valueOf("2026-01-01 12:00:00"),
                            "s", Timestamp.valueOf("2026-01-01 12:00:00")),
                    row("id", 3, "tz", new java.util.Date(1767268800000L), "ts", java.sql.Date.valueOf("2026-01-01"),
                            "s", java.sql.Date.valueOf("2026-01-01"))));
            op.execute("INSERT INTO t (id, tz, ts, s) VALUES (?, ?, ?, ?)", 4, Timestamp.valueOf("2026-01-01 12:00:00"),
                    java.sql.Date.valueOf("2026-01-01"), java.sql.Time.valueOf("12:34:56"));
        });
        java.util.TimeZone jvm = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
        List<List<String>> both;
        try {
            both = onlineAndOffline(Engine.POSTGRESQL, revs, "SELECT id, (tz AT TIME ZONE 'UTC')::text, ts::text, s FROM t ORDER BY id",
                    rs -> rs.getInt(1) + " " + rs.getString(2) + " | " + rs.getString(3) + " | " + rs.getString(4));
        } finally {
            java.util.TimeZone.setDefault(jvm);
        }
        for (List<String> rows : both) {
            assertThat(rows).containsExactly(
                    "1 2026-01-01 12:00:00 | 2026-01-01 12:00:00 | 2026-01-01 12:00:00",
                    "2 2026-01-01 12:00:00 | 2026-01-01 12:00:00 | 2026-01-01 12:00:00",
                    "3 2026-01-01 12:00:00 | 2026-01-01 00:00:00 | 2026-01-01",
                    "4 2026-01-01 12:00:00 | 2026-01-01 00:00:00 | 12:34:56");
        }
    }

    /**
     * t74-4: online a Double was bound as a float8, which PostgreSQL casts to NUMERIC with 15 significant digits;
     * the script's literal keeps all of them. A double precision column reads the same double in both modes.
     */
    @Test
    void postgresDoubleIntoNumericKeepsItsDigitsOnlineAsOffline() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("e1", List.of(), "double into numeric", op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("n", numeric()), column("s", TEXT),
                    column("n2", numeric(20, 18)), column("d", DOUBLE), column("hit", TEXT));
            op.bulkInsert("t", List.of(
                    row("id", 1, "n", 1 / 3.0, "s", 1 / 3.0, "n2", 1 / 3.0, "d", 1 / 3.0),
                    row("id", 2, "n", 0.1 + 0.2, "s", 0.1 + 0.2, "n2", 0.1 + 0.2, "d", 0.1 + 0.2),
                    row("id", 3, "n", 1e-7, "s", 1e-7, "n2", 1e-7, "d", 1e-7),
                    row("id", 4, "n", 123456789.12345678, "s", 123456789.12345678, "n2", 1.2345678901234567, "d", 1e300),
                    row("id", 5, "n", 0.0, "s", 0.0, "n2", 0.0, "d", -0.0)));
            op.execute("INSERT INTO t (id, n, s, d) VALUES (?, ?, ?, ?)", 6, 2 / 3.0, 2 / 3.0, 2 / 3.0);
            op.execute("UPDATE t SET hit = 'y' WHERE d = ?", 0.1 + 0.2);
        });
        List<List<String>> both = onlineAndOffline(Engine.POSTGRESQL, revs, "SELECT id, n, s, n2, d::text, hit FROM t ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + " " + rs.getString(6));
        for (List<String> rows : both) {
            assertThat(rows).containsExactly(
                    "1 0.3333333333333333 0.3333333333333333 0.333333333333333300 0.3333333333333333 null",
                    "2 0.30000000000000004 0.30000000000000004 0.300000000000000040 0.30000000000000004 y",
                    "3 0.00000010 0.00000010 0.000000100000000000 1e-07 null",
                    "4 123456789.12345678 123456789.12345678 1.234567890123456700 1e+300 null",
                    "5 0.0 0.0 0.000000000000000000 -0 null",
                    "6 0.6666666666666666 0.6666666666666666 null 0.6666666666666666 null");
        }
    }

    /**
     * t74-5: a UUID was bound online as pgjdbc's typed uuid, which a varchar column refuses ("operator does not
     * exist: character varying = uuid"); the script's quoted literal takes the column's type, text or uuid.
     */
    @Test
    void postgresUuidParameterTakesTheColumnsTypeOnlineAsOffline() throws Exception {
        java.util.UUID u = java.util.UUID.fromString("11111111-2222-3333-4444-555555555555");
        TestRevisions revs = new TestRevisions().addCode("g1", List.of(), "uuid compare", op -> {
            op.createTable("t", column("id", INTEGER).primaryKey(), column("ref", string(40)), column("u", dev.retort.migration.Migration.UUID),
                    column("s", TEXT));
            op.bulkInsert("t", List.of(row("id", 1, "ref", u, "u", u, "s", u)));
            op.execute("UPDATE t SET id = 2 WHERE ref = ?", u);
            op.execute("UPDATE t SET id = 3 WHERE u = ?", u);
            op.execute("INSERT INTO t (id, ref, u, s) VALUES (?, ?, ?, ?)", 4, u, u, u);
        });
        List<List<String>> both = onlineAndOffline(Engine.POSTGRESQL, revs, "SELECT id, ref, u::text, s, pg_typeof(u)::text FROM t ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5));
        String v = u.toString();
        for (List<String> rows : both) {
            assertThat(rows).containsExactly("3 " + v + " " + v + " " + v + " uuid", "4 " + v + " " + v + " " + v + " uuid");
        }
    }

    /**
     * t74-3: the script wrote a BigDecimal or BigInteger as a bare number, which SQLite reads as a double before a
     * TEXT column stores it ('1.23456789012346e+19'); online the driver bound its text. Both store the plain text
     * now; a NUMERIC column converts it alike.
     */
    @Test
    void sqliteBigNumbersKeepTheirDigitsOnlineAsOffline() throws Exception {
        TestRevisions revs = new TestRevisions().addCode("z2", List.of(), "decimal as text", op -> {
            op.createTable("money", column("id", INTEGER).primaryKey(), column("amount", string(40)), column("num", numeric()));
            op.bulkInsert("money", List.of(
                    row("id", 1, "amount", new BigDecimal("12345678901234567890.12"), "num", new BigDecimal("12.50")),
                    row("id", 2, "amount", new BigDecimal("0.10"), "num", new BigDecimal("0.10")),
                    row("id", 3, "amount", new BigDecimal("1E+3"), "num", new BigDecimal("1E+3")),
                    row("id", 4, "amount", new java.math.BigInteger("123456789012345678901234567890"),
                            "num", new java.math.BigInteger("42"))));
            op.execute("INSERT INTO money (id, amount, num) VALUES (?, ?, ?)", 5, new BigDecimal("98765432109876543210.5"),
                    new BigDecimal("7"));
            op.execute("UPDATE money SET amount = amount || '!' WHERE num = ?", new BigDecimal("1000"));
        });
        List<List<String>> both = onlineAndOffline(Engine.SQLITE, revs, "SELECT id, quote(amount), quote(num) FROM money ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
        for (List<String> rows : both) {
            assertThat(rows).containsExactly("1 '12345678901234567890.12' 12.5", "2 '0.10' 0.1", "3 '1000!' 1000",
                    "4 '123456789012345678901234567890' 42", "5 '98765432109876543210.5' 7");
        }
    }

    /** t38-6: a value no literal exists for is named as Java source spells its class. */
    @Test
    void refusedArrayIsNamedAsJavaSpellsIt() {
        Dialect h2 = Dialects.forName(Engine.H2.dialectName());
        assertThatThrownBy(() -> h2.literal(new Integer[]{1})).hasMessageStartingWith("Cannot render a java.lang.Integer[] as");
    }

    /** t38-5: a failing data statement named only its placeholders, shared by every call and row. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void failingDataStatementNamesItsValuesAndRows(Engine engine) throws Exception {
        TestDatabase.assumeAvailable(engine);
        Dialect dialect = Dialects.forName(engine.dialectName());
        TestRevisions bulk = new TestRevisions().addCode("k1", List.of(), "bulk bad row", op -> {
            op.createTable("src", column("id", INTEGER).primaryKey(), column("name", string(50)));
            List<Map<String, ?>> rows = new ArrayList<>();
            for (int i = 100; i < 5100; i++) rows.add(row("id", i, "name", i == 3456 ? "x".repeat(51) : "n" + i));
            op.bulkInsert("src", rows);
        });
        TestRevisions exec = new TestRevisions().addCode("k1", List.of(), "execute bad value", op -> {
            op.createTable("src2", column("id", INTEGER).primaryKey(), column("name", string(50)));
            for (int i = 1; i <= 3; i++) op.execute("INSERT INTO src2 (id, name) VALUES (?, ?)", i, i == 3 ? "y".repeat(51) : "ok");
        });
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect()) {
            assertThatThrownBy(() -> new Migrator(c, dialect, RuntimeSettings.defaults(), bulk).run(bulk::upgradeAll, false, null))
                    .hasMessageContaining("\nParameters: 3100, 'n3100', 3101, 'n3101', ")
                    .hasMessageContaining("... (2000 values) (rows 3001-4000 of the bulkInsert)");
            assertThatThrownBy(() -> new Migrator(c, dialect, RuntimeSettings.defaults(), exec).run(exec::upgradeAll, false, null))
                    .hasMessageContaining("\nParameters: 3, '" + "y".repeat(51) + "'\n");
        }
    }

    interface RowText {
        String of(ResultSet rs) throws Exception;
    }

    /** The rows {@code query} reads after an online run of {@code revs}, then after its {@code --sql} script. */
    static List<List<String>> onlineAndOffline(Engine engine, TestRevisions revs, String query, RowText text) throws Exception {
        return onlineAndOffline(engine, revs, query, text, db -> { });
    }

    interface SetUp {
        void on(TestDatabase db) throws Exception;
    }

    /** As above, {@code setUp} done on both databases first (a database's own settings, say). */
    static List<List<String>> onlineAndOffline(Engine engine, TestRevisions revs, String query, RowText text, SetUp setUp)
            throws Exception {
        TestDatabase.assumeAvailable(engine);
        Dialect dialect = Dialects.forName(engine.dialectName());
        Plan plan = revs.upgradeAll(Set.of());
        try (TestDatabase online = TestDatabase.create(engine); TestDatabase offline = TestDatabase.create(engine)) {
            setUp.on(online);
            setUp.on(offline);
            try (Connection on = online.connect()) {
                new Migrator(on, dialect, RuntimeSettings.defaults(), revs).run(revs::upgradeAll, false, null);
            }
            String script = new OfflineScript(dialect, RuntimeSettings.defaults(), revs).render(plan, true, null);
            if (engine == Engine.H2) {
                Path file = Files.createTempFile("retort-t38-", ".sql");
                try (Connection c = offline.connect(); Statement s = c.createStatement()) {
                    Files.writeString(file, script, StandardCharsets.UTF_8);
                    s.execute("RUNSCRIPT FROM '" + file + "' CHARSET 'UTF-8'");
                } finally {
                    Files.deleteIfExists(file);
                }
            } else {
                Clients.feed(engine, offline, script);
            }
            return List.of(rows(online, query, text), rows(offline, query, text));
        }
    }

    static List<String> rows(TestDatabase db, String query, RowText text) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) out.add(text.of(rs));
        }
        return out;
    }
}
