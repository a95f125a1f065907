package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.dialect.h2.H2Dialect;
import dev.retort.dialect.mariadb.MariaDbDialect;
import dev.retort.dialect.postgresql.PostgresDialect;
import dev.retort.dialect.registry.Dialects;
import dev.retort.dialect.sqlite.SqliteDialect;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotingAndLiteralsTest {
    private final Dialect pg = new PostgresDialect();
    private final Dialect my = new MariaDbDialect();
    private final Dialect h2 = new H2Dialect();
    private final Dialect lite = new SqliteDialect();

    @Test
    void plainLowerCaseNamesStayBare() {
        for (Dialect d : new Dialect[]{pg, my, h2, lite}) {
            assertThat(d.quote("account")).isEqualTo("account");
            assertThat(d.quote("created_at2")).isEqualTo("created_at2");
        }
    }

    @Test
    void reservedWordsAreQuotedPerEngine() {
        assertThat(pg.quote("order")).isEqualTo("\"order\"");
        assertThat(pg.quote("user")).isEqualTo("\"user\"");
        assertThat(pg.quote("offset")).isEqualTo("\"offset\"");
        assertThat(my.quote("order")).isEqualTo("`order`");
        assertThat(my.quote("key")).isEqualTo("`key`");
        assertThat(my.quote("rank")).as("MySQL 8 reserved word").isEqualTo("`rank`");
        assertThat(h2.quote("value")).isEqualTo("\"value\"");
        assertThat(h2.quote("year")).isEqualTo("\"year\"");
        assertThat(lite.quote("group")).isEqualTo("\"group\"");
        // Not reserved on that engine: left bare.
        assertThat(my.quote("user")).isEqualTo("user");
        assertThat(pg.quote("key")).isEqualTo("key");
    }

    @Test
    void mixedCaseAndOddCharactersAreQuotedWithTheQuoteDoubled() {
        assertThat(pg.quote("Account")).isEqualTo("\"Account\"");
        assertThat(pg.quote("we\"ird name")).isEqualTo("\"we\"\"ird name\"");
        assertThat(my.quote("we`ird")).isEqualTo("`we``ird`");
        assertThat(my.quote("has\"quote")).isEqualTo("`has\"quote`");
        assertThat(h2.quote("1st")).isEqualTo("\"1st\"");
        assertThat(pg.quote("ünï")).isEqualTo("\"ünï\"");
        assertThat(pg.qualify("My Schema", "t")).isEqualTo("\"My Schema\".t");
        assertThat(pg.qualify("", "t")).isEqualTo("t");
    }

    @Test
    void stringLiterals() {
        assertThat(pg.literal("it's")).isEqualTo("'it''s'");
        // t65-3: an escape string reads the same whatever standard_conforming_strings says
        assertThat(pg.literal("a\\b")).isEqualTo("E'a\\\\b'");
        assertThat(pg.literal("q'\\n")).isEqualTo("E'q''\\\\n'");
        assertThat(pg.literal(new String[]{"a\\b"})).isEqualTo("E'{\"a\\\\\\\\b\"}'");
        assertThat(pg.literal("日本 🎉")).isEqualTo("'日本 🎉'");
        assertThat(my.literal("a\\b'c")).isEqualTo("'a\\\\b''c'");
        assertThat(my.literal("nul\0 ctrlz\u001a")).isEqualTo("'nul\\0 ctrlz\\Z'");
        assertThat(my.literal("cr\r\nlf")).isEqualTo("'cr\\r\\nlf'");
        assertThat(h2.literal("a\\b'c")).isEqualTo("'a\\b''c'");
        assertThat(lite.literal("x'y")).isEqualTo("'x''y'");
        assertThatThrownBy(() -> pg.literal("a\0b")).isInstanceOf(RetortException.class).hasMessageContaining("NUL");
    }

    /**
     * t65-4: a MariaDB parameter of the script has no backslash escape, so that it reads the same after a revision's
     * NO_BACKSLASH_ESCAPES; a literal outside a statement's parameters (a COMMENT) keeps the escapes.
     */
    @Test
    void mariaDbParametersReadTheSameInEverySqlMode() {
        assertThat(my.inline(new SqlStatement("INSERT INTO s VALUES (?, ?, ?, ?, ?, ?)",
                java.util.Arrays.asList("a\\b", "q'\\", "\\\\", "cr\r\nlf\0\u001a", 'x', null))))
                .isEqualTo("INSERT INTO s VALUES (CONCAT('a', CHAR(92 USING utf8mb4), 'b'), CONCAT('q''', CHAR(92 USING utf8mb4)),"
                        + " CHAR(92, 92 USING utf8mb4), CONCAT('cr', CHAR(13, 10 USING utf8mb4), 'lf', CHAR(0, 26 USING utf8mb4)),"
                        + " 'x', NULL)");
        assertThat(my.inline(new SqlStatement("SELECT ?, ?", java.util.List.of("it's", "")))).isEqualTo("SELECT 'it''s', ''");
        assertThat(my.literal("a\\b")).isEqualTo("'a\\\\b'");
    }

    @Test
    void nullBooleansNumbers() {
        for (Dialect d : new Dialect[]{pg, my, h2, lite}) {
            assertThat(d.literal(null)).isEqualTo("NULL");
            assertThat(d.literal(42L)).isEqualTo("42");
            assertThat(d.literal(new BigDecimal("1E+3"))).isEqualTo("1000");
            assertThat(d.literal(-0.5d)).isEqualTo("-0.5");
        }
        assertThat(pg.literal(true)).isEqualTo("TRUE");
        assertThat(my.literal(false)).isEqualTo("FALSE");
        assertThat(lite.literal(true)).isEqualTo("1");
        assertThat(pg.literal(Double.NaN)).isEqualTo("'NaN'::double precision");
        assertThatThrownBy(() -> my.literal(Double.POSITIVE_INFINITY)).isInstanceOf(RetortException.class);
        assertThat(h2.literal(Double.NaN)).isEqualTo("CAST('NaN' AS DOUBLE PRECISION)");
        assertThat(h2.literal(Float.NEGATIVE_INFINITY)).isEqualTo("CAST('-Infinity' AS REAL)");
        assertThat(h2.literal(Double.POSITIVE_INFINITY)).isEqualTo("CAST('Infinity' AS DOUBLE PRECISION)");
        // t19-3: what sqlite3 .dump writes for an infinity; SQLite stores no NaN
        assertThat(lite.literal(Double.POSITIVE_INFINITY)).isEqualTo("1e999");
        assertThat(lite.literal(Float.NEGATIVE_INFINITY)).isEqualTo("-1e999");
        assertThatThrownBy(() -> lite.literal(Double.NaN)).isInstanceOf(RetortException.class);
    }

    @Test
    void binary() {
        byte[] b = {(byte) 0xde, (byte) 0xad, 0, '\'', '\\'};
        assertThat(pg.literal(b)).isEqualTo("E'\\\\xdead00275c'::bytea");
        assertThat(my.literal(b)).isEqualTo("X'dead00275c'");
        assertThat(h2.literal(b)).isEqualTo("X'dead00275c'");
        assertThat(lite.literal(b)).isEqualTo("X'dead00275c'");
    }

    @Test
    void datesAndTimes() {
        LocalDateTime ldt = LocalDateTime.of(2026, 1, 22, 10, 30, 5, 120_000_000);
        OffsetDateTime odt = OffsetDateTime.of(2026, 1, 22, 10, 30, 0, 0, ZoneOffset.ofHours(2));
        assertThat(pg.literal(LocalDate.of(2026, 1, 2))).isEqualTo("DATE '2026-01-02'");
        assertThat(pg.literal(LocalTime.of(7, 0))).isEqualTo("TIME '07:00:00'");
        assertThat(pg.literal(ldt)).isEqualTo("TIMESTAMP '2026-01-22 10:30:05.12'");
        assertThat(pg.literal(odt)).isEqualTo("TIMESTAMP WITH TIME ZONE '2026-01-22 10:30:00+02:00'");
        assertThat(pg.literal(Instant.parse("2026-01-22T08:30:00Z"))).isEqualTo("TIMESTAMP WITH TIME ZONE '2026-01-22 08:30:00+00:00'");
        assertThat(pg.literal(java.sql.Timestamp.valueOf(ldt))).isEqualTo("TIMESTAMP '2026-01-22 10:30:05.12'");
        assertThat(my.literal(odt)).as("MariaDB has no zone type: the instant in UTC, read in the session's zone")
                .isEqualTo("CONVERT_TZ(TIMESTAMP '2026-01-22 08:30:00', '+00:00', @@session.time_zone)");
        assertThat(lite.literal(ldt)).isEqualTo("'2026-01-22 10:30:05.12'");
        assertThat(lite.literal(LocalDate.of(2026, 1, 2))).isEqualTo("'2026-01-02'");
        UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(pg.literal(u)).isEqualTo("'123e4567-e89b-12d3-a456-426614174000'");
    }

    /** t19-4: PostgreSQL reads what pgjdbc sends online: BC years, microseconds rounded half up, infinities. */
    @Test
    void postgresDatesAsPgjdbcSendsThem() {
        assertThat(pg.literal(LocalDate.of(-43, 3, 15))).isEqualTo("DATE '0044-03-15 BC'");
        assertThat(pg.literal(LocalDateTime.of(0, 1, 1, 12, 0))).isEqualTo("TIMESTAMP '0001-01-01 12:00:00 BC'");
        assertThat(pg.literal(OffsetDateTime.of(-43, 3, 15, 10, 0, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("TIMESTAMP WITH TIME ZONE '0044-03-15 10:00:00+02:00 BC'");
        assertThat(pg.literal(LocalDate.of(12345, 1, 2))).isEqualTo("DATE '12345-01-02'");
        assertThat(pg.literal(LocalTime.of(0, 0, 0, 500))).isEqualTo("TIME '00:00:00.000001'");
        assertThat(pg.literal(LocalTime.of(0, 0, 0, 1499))).isEqualTo("TIME '00:00:00.000001'");
        assertThat(pg.literal(LocalTime.of(23, 59, 59, 999_999_500))).isEqualTo("TIME '24:00:00'");
        assertThat(pg.literal(LocalDateTime.of(2020, 12, 31, 23, 59, 59, 999_999_500))).isEqualTo("TIMESTAMP '2021-01-01 00:00:00'");
        assertThat(pg.literal(java.time.OffsetTime.of(1, 2, 3, 999_999_999, ZoneOffset.ofHoursMinutes(5, 30))))
                .isEqualTo("TIME WITH TIME ZONE '01:02:03.999999+05:30'");
        assertThat(pg.literal(LocalDate.MAX)).isEqualTo("DATE 'infinity'");
        assertThat(pg.literal(LocalDateTime.MIN)).isEqualTo("TIMESTAMP '-infinity'");
        assertThat(pg.literal(OffsetDateTime.MAX)).isEqualTo("TIMESTAMP WITH TIME ZONE 'infinity'");
    }

    /** t29-4: standard SQL's TIME WITH TIME ZONE only where the engine has the type; SQLite's text as bound online. */
    @Test
    void offsetTimesPerEngine() {
        java.time.OffsetTime t = java.time.OffsetTime.of(1, 2, 0, 0, ZoneOffset.ofHours(2));
        assertThat(h2.literal(t)).isEqualTo("TIME WITH TIME ZONE '01:02:00+02:00'");
        assertThat(lite.literal(t)).isEqualTo("'01:02:00+02:00'");
        assertThat(lite.literal(t.withOffsetSameLocal(ZoneOffset.UTC))).isEqualTo("'01:02:00+00:00'");
        assertThat(((SqliteDialect) lite).bindValue(t)).isEqualTo("01:02:00+02:00"); // the driver's toString: 01:02+02:00
        assertThatThrownBy(() -> my.literal(t)).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("Cannot render a java.time.OffsetTime as a MariaDB/MySQL literal: MariaDB/MySQL has no time")
                .hasMessageEndingWith("; pass a LocalTime");
    }

    /** t29-8: online SQLite bound an Optional or a List as its toString(); refused as the offline literal is. */
    @Test
    void sqliteBindsOnlyWhatItsScriptWrites() {
        SqliteDialect sqlite = (SqliteDialect) lite;
        for (Object refused : new Object[]{java.util.Optional.of("a"), java.util.List.of(1, 2), new Object(), java.time.Duration.ZERO}) {
            assertThatThrownBy(() -> sqlite.bindValue(refused)).isInstanceOf(RetortException.class)
                    .hasMessage("Cannot bind a " + refused.getClass().getName() + " as a SQLite value; pass a String,"
                            + " number, boolean, byte[], UUID or java.time value");
            assertThatThrownBy(() -> sqlite.literal(refused)).isInstanceOf(RetortException.class)
                    .hasMessageStartingWith("Cannot render a " + refused.getClass().getName() + " as a SQLite literal");
        }
        assertThat(sqlite.bindValue(null)).isNull();
        assertThat(sqlite.bindValue(new StringBuilder("sb"))).isEqualTo("sb");
        assertThat(sqlite.bindValue('c')).isEqualTo("c");
        // the text its literal is, as the driver would bind it, but plain (t74-3)
        assertThat(sqlite.bindValue(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(sqlite.inline(SqlStatement.of("SELECT ?, ?", new BigDecimal("1E+3"), new java.math.BigInteger("12"))))
                .isEqualTo("SELECT '1000', '12'");
        assertThat(sqlite.bindValue(new byte[]{1})).isEqualTo(new byte[]{1});
        assertThat(sqlite.bindValue(true)).isEqualTo(true);
    }

    @Test
    void unknownValueTypesAreRefusedClearly() {
        assertThatThrownBy(() -> pg.literal(new Object())).isInstanceOf(RetortException.class)
                .hasMessageContaining("Cannot render a java.lang.Object as a PostgreSQL literal");
    }

    @Test
    void inliningReplacesOnlyRealPlaceholders() {
        SqlStatement st = SqlStatement.of("SELECT '?', \"?\", ? -- ?\n, /* ? */ ?", "it's", 2);
        assertThat(pg.inline(st)).isEqualTo("SELECT '?', \"?\", 'it''s' -- ?\n, /* ? */ 2");
        assertThat(pg.inline(SqlStatement.of("DO $x$ SELECT ? $x$; SELECT ?", 1))).isEqualTo("DO $x$ SELECT ? $x$; SELECT 1");
        assertThat(my.inline(SqlStatement.of("SELECT 'a\\'?', `?`, ?", "b"))).isEqualTo("SELECT 'a\\'?', `?`, 'b'");
        assertThat(pg.inline(SqlStatement.of("SELECT 1 WHERE 'x' = '?'"))).isEqualTo("SELECT 1 WHERE 'x' = '?'");
        // the lexer that splits SQL revisions: MySQL's # comments and "strings" with backslashes, PostgreSQL's
        // nested comments and E'' strings, SQLite's [names]
        assertThat(my.inline(SqlStatement.of("SELECT ?, \"a\\\"?\" # why?\n", 1))).isEqualTo("SELECT 1, \"a\\\"?\" # why?\n");
        assertThat(pg.inline(SqlStatement.of("SELECT /* /* ? */ ? */ E'\\'?', ?", 1))).isEqualTo("SELECT /* /* ? */ ? */ E'\\'?', 1");
        assertThat(Dialects.forName("sqlite").inline(SqlStatement.of("SELECT [a?], ?", 1))).isEqualTo("SELECT [a?], 1");
        assertThatThrownBy(() -> pg.inline(SqlStatement.of("SELECT ?, ?", 1))).isInstanceOf(RetortException.class)
                .hasMessageContaining("2 ? placeholder(s) but 1 parameter(s)");
        assertThatThrownBy(() -> pg.inline(SqlStatement.of("SELECT ?", 1, 2))).isInstanceOf(RetortException.class);
    }

    @Test
    void capabilitiesAreData() {
        assertThat(pg.supports(Feature.TRANSACTIONAL_DDL)).isTrue();
        assertThat(pg.supports(Feature.CONCURRENT_INDEX)).isTrue();
        assertThat(pg.supports(Feature.ENUM_TYPES)).isTrue();
        assertThat(my.transactionalDdl()).isFalse();
        assertThat(my.supports(Feature.PARTIAL_INDEX)).isFalse();
        assertThat(h2.transactionalDdl()).as("H2 commits before each DDL statement").isFalse();
        assertThat(h2.supports(Feature.SEQUENCES)).isTrue();
        assertThat(lite.transactionalDdl()).isTrue();
        assertThat(lite.supports(Feature.ALTER_COLUMN_TYPE)).isFalse();
        assertThat(lite.supports(Feature.COMMENTS)).isFalse();
    }

    @Test
    void sqliteWritesCarriageReturnsAsCharSoTheShellKeepsThem() {
        assertThat(lite.literal("a\r\nb")).isEqualTo("('a' || char(13) || '\nb')");
        assertThat(lite.literal("\r'")).isEqualTo("('' || char(13) || '''')");
        // the sqlite3 shell ends its input line at a NUL
        assertThat(lite.literal("a\0b\r")).isEqualTo("('a' || char(0) || 'b' || char(13) || '')");
        assertThat(lite.literal("plain\n")).isEqualTo("'plain\n'");
    }

    @Test
    void sqliteBindsDateTimesAsTheTextItsLiteralsStore() {
        SqliteDialect d = new SqliteDialect();
        LocalDateTime t = LocalDateTime.of(2026, 1, 22, 10, 30, 0, 999_999_000);
        assertThat(d.bindValue(t)).isEqualTo("2026-01-22 10:30:00.999999");
        assertThat(d.literal(t)).isEqualTo("'" + d.bindValue(t) + "'");
        assertThat(d.bindValue(java.sql.Timestamp.valueOf(t))).isEqualTo("2026-01-22 10:30:00.999999");
        assertThat(d.bindValue(LocalDate.of(2000, 1, 2))).isEqualTo("2000-01-02");
        assertThat(d.bindValue(Instant.parse("2026-01-22T10:30:00Z"))).isEqualTo("2026-01-22 10:30:00+00:00");
        UUID u = UUID.randomUUID();
        assertThat(d.bindValue(u)).isEqualTo(u.toString());
        assertThat(d.bindValue(42)).isEqualTo(42);
        assertThat(d.bindValue(0.1f)).as("a float's decimal, as the literal 0.1").isEqualTo(0.1d);
        assertThat(d.literal(0.1f)).isEqualTo("0.1");
        assertThat(d.bindValue(null)).isNull();
    }

    @Test
    void postgresDoubledQuestionMarkIsALiteralQuestionMarkWhenThereAreParameters() {
        assertThat(pg.inline(SqlStatement.of("SELECT 1 WHERE doc ?? ? AND doc ??| array[?] AND doc ??& array['?']", "a", "b")))
                .isEqualTo("SELECT 1 WHERE doc ? 'a' AND doc ?| array['b'] AND doc ?& array['?']");
        assertThat(pg.inline(SqlStatement.of("SELECT doc ? 'a', doc ?| array['b']")))
                .isEqualTo("SELECT doc ? 'a', doc ?| array['b']");
        assertThatThrownBy(() -> pg.inline(SqlStatement.of("SELECT doc ?| array[?]", "a")))
                .isInstanceOf(RetortException.class).hasMessageContaining("2 ? placeholder(s) but 1 parameter(s)");
        // other engines have no such operator and no escape
        assertThatThrownBy(() -> h2.inline(SqlStatement.of("SELECT ?? ", "a"))).isInstanceOf(RetortException.class);
    }
}
