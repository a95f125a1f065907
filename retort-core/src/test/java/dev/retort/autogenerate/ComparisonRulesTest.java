package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonRulesTest {
    private final ComparisonRules pg = new ComparisonRules(Dialects.forName("postgresql"));
    private final ComparisonRules maria = new ComparisonRules(Dialects.forName("mariadb"));
    private final ComparisonRules h2 = new ComparisonRules(Dialects.forName("h2"));
    private final ComparisonRules sqlite = new ComparisonRules(Dialects.forName("sqlite"));

    @Test
    void postgresTypeAliasesAreEqual() {
        assertThat(pg.typeKey(SqlType.raw("int4"))).isEqualTo(pg.typeKey(SqlType.of(SqlType.Kind.INTEGER)));
        assertThat(pg.typeKey(SqlType.raw("character varying(20)"))).isEqualTo(pg.typeKey(SqlType.string(20)));
        assertThat(pg.typeKey(SqlType.raw("varchar"))).isEqualTo(pg.typeKey(SqlType.of(SqlType.Kind.STRING)));
        assertThat(pg.typeKey(SqlType.raw("timestamp without time zone"))).isEqualTo(pg.typeKey(SqlType.timestamp(false)));
        assertThat(pg.typeKey(SqlType.raw("timestamptz"))).isEqualTo(pg.typeKey(SqlType.timestamp(true)));
        assertThat(pg.typeKey(SqlType.raw("decimal(10,2)"))).isEqualTo(pg.typeKey(SqlType.numeric(10, 2)));
        assertThat(pg.typeKey(SqlType.raw("float8"))).isEqualTo(pg.typeKey(SqlType.of(SqlType.Kind.DOUBLE)));
        assertThat(pg.typeKey(SqlType.raw("jsonb"))).isEqualTo(pg.typeKey(SqlType.of(SqlType.Kind.JSON)));
        assertThat(pg.typeKey(SqlType.raw("bool"))).isEqualTo(pg.typeKey(SqlType.of(SqlType.Kind.BOOLEAN)));
    }

    @Test
    void lengthAndPrecisionChangesAreCaughtBothWays() {
        assertThat(pg.typeKey(SqlType.string(20))).isNotEqualTo(pg.typeKey(SqlType.string(30)));
        assertThat(pg.typeKey(SqlType.string(20))).isNotEqualTo(pg.typeKey(SqlType.of(SqlType.Kind.STRING)));
        assertThat(pg.typeKey(SqlType.numeric(10, 2))).isNotEqualTo(pg.typeKey(SqlType.numeric(10, 3)));
        assertThat(pg.typeKey(SqlType.timestamp(false))).isNotEqualTo(pg.typeKey(SqlType.timestamp(true)));
    }

    @Test
    void mariadbBooleanIsTinyintOne() {
        assertThat(maria.typeKey(SqlType.raw("tinyint(1)"))).isEqualTo(maria.typeKey(SqlType.of(SqlType.Kind.BOOLEAN)));
        assertThat(maria.typeKey(SqlType.raw("int(11)"))).isEqualTo(maria.typeKey(SqlType.of(SqlType.Kind.INTEGER)));
        assertThat(maria.typeKey(SqlType.raw("int unsigned"))).isNotEqualTo(maria.typeKey(SqlType.of(SqlType.Kind.INTEGER)));
        assertThat(maria.typeKey(SqlType.of(SqlType.Kind.UUID))).isEqualTo(maria.typeKey(SqlType.chars(36)));
    }

    @Test
    void h2VarcharWithoutLength() {
        assertThat(h2.typeKey(SqlType.raw("CHARACTER VARYING"))).isEqualTo(h2.typeKey(SqlType.of(SqlType.Kind.STRING)));
    }

    @Test
    void serverDefaultsNormalised() {
        assertThat(pg.defaultKey("'x'::character varying")).isEqualTo(pg.defaultKey("'x'"));
        assertThat(pg.defaultKey("now()")).isEqualTo(pg.defaultKey("CURRENT_TIMESTAMP"));
        assertThat(pg.defaultKey("(0)::numeric")).isEqualTo(pg.defaultKey("0"));
        assertThat(pg.defaultKey("'{}'::jsonb")).isEqualTo(pg.defaultKey("'{}'"));
        assertThat(pg.defaultKey("'x'")).isNotEqualTo(pg.defaultKey("'y'"));
        assertThat(pg.defaultKey("NULL")).isNull();
        assertThat(maria.defaultKey("current_timestamp()")).isEqualTo(maria.defaultKey("CURRENT_TIMESTAMP"));
        assertThat(maria.defaultKey("TRUE")).isEqualTo(maria.defaultKey("1"));
        assertThat(maria.defaultKey("'5'")).isEqualTo(maria.defaultKey("5"));
        // case inside string literals matters
        assertThat(pg.defaultKey("'ABC'")).isNotEqualTo(pg.defaultKey("'abc'"));
    }

    @Test
    void numberLikeStringDefaultsAreStringsOnStringColumns() {
        // t57-14: '1.10' and '1.1' are two values of a varchar; the same numbers of a numeric column
        for (ComparisonRules r : java.util.List.of(pg, maria)) {
            assertThat(r.defaultKey("'1.10'", SqlType.string(10))).isNotEqualTo(r.defaultKey("'1.1'", SqlType.string(10)));
            assertThat(r.defaultKey("'5.00'", SqlType.of(SqlType.Kind.TEXT))).isNotEqualTo(r.defaultKey("'5'", SqlType.of(SqlType.Kind.TEXT)));
            assertThat(r.defaultKey("'1.0'", SqlType.raw("varchar(5)"))).isNotEqualTo(r.defaultKey("'1'", SqlType.raw("varchar(5)")));
            assertThat(r.defaultKey("'5'", SqlType.string(10))).isNotEqualTo(r.defaultKey("5", SqlType.string(10)));
            assertThat(r.defaultKey("'1.10'", SqlType.numeric(5, 2))).isEqualTo(r.defaultKey("1.1", SqlType.numeric(5, 2)));
            assertThat(r.defaultKey("'5'", SqlType.of(SqlType.Kind.INTEGER))).isEqualTo(r.defaultKey("5", SqlType.of(SqlType.Kind.INTEGER)));
        }
        assertThat(pg.defaultKey("'1.10'::character varying", SqlType.string(10))).isEqualTo(pg.defaultKey("'1.10'", SqlType.string(10)));
        assertThat(pg.defaultKey("'-1'::integer", SqlType.raw("int4"))).isEqualTo(pg.defaultKey("-1", SqlType.raw("int4")));
        assertThat(maria.defaultKey("0.00", SqlType.raw("decimal(10,2) unsigned"))).isEqualTo(maria.defaultKey("0", SqlType.raw("decimal(10,2) unsigned")));
        assertThat(maria.defaultKey("'0'", SqlType.raw("tinyint(4)"))).isEqualTo(maria.defaultKey("0", SqlType.raw("tinyint(4)")));
    }

    @Test
    void expressionsComparedWithoutCastsParenthesesOrCase() {
        assertThat(pg.expressionKey("(amount >= (0)::numeric)")).isEqualTo(pg.expressionKey("amount >= 0"));
        assertThat(pg.expressionKey("user_id >= '-1000000'::integer")).isEqualTo(pg.expressionKey("user_id >= -1000000"));
        assertThat(pg.expressionKey("status = 'A'")).isNotEqualTo(pg.expressionKey("status = 'a'"));
        assertThat(maria.expressionKey("`price` >= 0")).isEqualTo(maria.expressionKey("price >= 0"));
    }

    /** f9-5: the column types the expressions are read with; the database's columns under the names the renames give them. */
    @Test
    void columnTypesByTheNamesTheExpressionsUse() {
        dev.retort.schema.Table t = dev.retort.schema.Table.of("t", java.util.List.of(
                dev.retort.schema.Column.of("qty", SqlType.of(SqlType.Kind.INTEGER)), dev.retort.schema.Column.of("code", SqlType.string(10))));
        assertThat(ComparisonRules.columnTypes(t))
                .isEqualTo(java.util.Map.of("qty", SqlType.of(SqlType.Kind.INTEGER), "code", SqlType.string(10)));
        assertThat(ComparisonRules.columnTypes(t, java.util.Map.of("qty", "quantity")))
                .isEqualTo(java.util.Map.of("quantity", SqlType.of(SqlType.Kind.INTEGER), "code", SqlType.string(10)));
    }

    @Test
    void postgresCastsThatChangeTheValueAreKept() {
        // t57-5: only the casts PostgreSQL adds itself are left out; x::int, now()::date change what the expression is
        java.util.Map<String, SqlType> ev = java.util.Map.of("data", SqlType.raw("jsonb"), "amount", SqlType.of(SqlType.Kind.NUMERIC),
                "qty", SqlType.of(SqlType.Kind.INTEGER), "code", SqlType.string(10), "ts", SqlType.timestamp(false),
                "d", SqlType.of(SqlType.Kind.DATE), "tags", SqlType.raw("character varying(5)[]"), "m", SqlType.enumOf("mood", java.util.List.of("a")));
        assertThat(pg.expressionKey("(((data ->> 'n'::text))::integer)", ev)).isNotEqualTo(pg.expressionKey("((data ->> 'n'::text))", ev));
        assertThat(pg.expressionKey("(((data ->> 'n'::text))::integer)", ev)).isEqualTo(pg.expressionKey("((data->>'n')::int4)", ev));
        assertThat(pg.expressionKey("((amount)::integer > 0.5)", ev)).isNotEqualTo(pg.expressionKey("(amount > 0.5)", ev));
        assertThat(pg.expressionKey("((amount)::integer > 0.5)", ev)).isEqualTo(pg.expressionKey("amount::integer > 0.5", ev));
        assertThat(pg.defaultKey("(now())::date")).isNotEqualTo(pg.defaultKey("now()"));
        assertThat(pg.defaultKey("(now())::date")).isEqualTo(pg.defaultKey("now()::date"));
        assertThat(pg.defaultKey("(now())::date")).isEqualTo(pg.defaultKey("NOW()::DATE"));
        assertThat(pg.expressionKey("((qty)::text)", ev)).isNotEqualTo(pg.expressionKey("qty", ev));
        assertThat(pg.expressionKey("(m)::text = 'a'::text", ev)).isNotEqualTo(pg.expressionKey("m = 'a'", ev));
        assertThat(pg.expressionKey("(data)::text <> ''::text", ev)).isNotEqualTo(pg.expressionKey("data <> ''", ev));
        assertThat(pg.expressionKey("(code)::character varying(2) = 'a'", ev)).isNotEqualTo(pg.expressionKey("code = 'a'", ev));
        // what PostgreSQL adds itself: literals, a varchar to text, an integer to numeric, a date to a timestamp
        assertThat(pg.expressionKey("lower((code)::text)", ev)).isEqualTo(pg.expressionKey("lower(code)", ev));
        assertThat(pg.expressionKey("((qty)::numeric > 0.5)", ev)).isEqualTo(pg.expressionKey("qty > 0.5", ev));
        assertThat(pg.expressionKey("((qty)::bigint > '-1'::integer)", ev)).isEqualTo(pg.expressionKey("qty > -1", ev));
        assertThat(pg.expressionKey("(amount > ('-1'::integer)::numeric)", ev)).isEqualTo(pg.expressionKey("amount > -1", ev));
        assertThat(pg.expressionKey("(((amount)::integer)::numeric > 0.5)", ev)).isEqualTo(pg.expressionKey("amount::integer > 0.5", ev));
        assertThat(pg.expressionKey("((amount + (qty)::numeric)::integer)", ev)).isEqualTo(pg.expressionKey("(amount + qty)::int", ev));
        assertThat(pg.expressionKey("((amount)::integer)::text", ev)).isNotEqualTo(pg.expressionKey("amount::integer", ev));
        assertThat(pg.expressionKey("((d)::timestamp without time zone < ts)", ev)).isEqualTo(pg.expressionKey("d < ts", ev));
        assertThat(pg.expressionKey("((tags)::text[] && ARRAY['a'::text])", ev)).isEqualTo(pg.expressionKey("tags && ARRAY['a']", ev));
        assertThat(pg.expressionKey("(((code)::text || 'x'::text))", ev)).isEqualTo(pg.expressionKey("code || 'x'", ev));
        assertThat(pg.expressionKey("(ts > '2020-01-01 00:00:00'::timestamp without time zone)", ev))
                .isEqualTo(pg.expressionKey("ts > '2020-01-01 00:00:00'", ev));
        assertThat(pg.defaultKey("ARRAY[]::character varying[]")).isEqualTo(pg.defaultKey("ARRAY[]"));
        assertThat(pg.defaultKey("('x'::text || 'y'::text)")).isEqualTo(pg.defaultKey("'x' || 'y'"));
        assertThat(pg.defaultKey("(1)::boolean")).isEqualTo(pg.defaultKey("1"));
        assertThat(pg.defaultKey("nextval('item_id_seq'::regclass)")).isEqualTo(pg.defaultKey("nextval('item_id_seq')"));
        assertThat(pg.defaultKey("'1 day'::interval")).isEqualTo(pg.defaultKey("'1 day'"));
        assertThat(pg.defaultKey("'a'::\"Mood\"")).isEqualTo(pg.defaultKey("'a'"));
        assertThat(pg.defaultKey("('2020-01-01'::date)::timestamp(3) without time zone")).isEqualTo(pg.defaultKey("'2020-01-01'"));
    }

    @Test
    void postgresAnyOfAnArrayIsIn() {
        assertThat(pg.expressionKey("((label)::text = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[]))"))
                .isEqualTo(pg.expressionKey("label IN ('x','y')"));
        assertThat(pg.expressionKey("(n = ANY (ARRAY[1, 2]))")).isEqualTo(pg.expressionKey("n in (1, 2)"));
        assertThat(pg.expressionKey("((label)::text <> ALL ((ARRAY['x'::character varying, 'y]'::character varying])::text[]))"))
                .isEqualTo(pg.expressionKey("label NOT IN ('x', 'y]')"));
        assertThat(pg.expressionKey("((label)::text = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[]))"))
                .isNotEqualTo(pg.expressionKey("label IN ('x','z')"));
        // a list of one is stored as = or <>
        assertThat(pg.expressionKey("(label)::text <> 'q'::text")).isEqualTo(pg.expressionKey("label NOT IN ('q')"));
        assertThat(pg.expressionKey("(n = 1)")).isEqualTo(pg.expressionKey("n IN (1)"));
        assertThat(pg.expressionKey("(plugin = 'x')")).isNotEqualTo(pg.expressionKey("plugin IN ('y')"));
    }

    @Test
    void postgresRewritesBetweenIntoComparisons() {
        // what pg_get_constraintdef gives back for the model's spelling (t10-2)
        assertThat(pg.expressionKey("((percent_off >= 1) AND (percent_off <= 100))"))
                .isEqualTo(pg.expressionKey("percent_off BETWEEN 1 AND 100"));
        assertThat(pg.expressionKey("((q < 0.5) OR (q > (2)::numeric))")).isEqualTo(pg.expressionKey("q NOT BETWEEN 0.5 AND 2"));
        assertThat(pg.expressionKey("((s >= 'a'::text) AND (s <= 'm and n'::text))"))
                .isEqualTo(pg.expressionKey("\"s\" between 'a' and 'm and n'"));
        assertThat(pg.expressionKey("((a = 1) OR ((p >= 1) AND (p <= 5)))")).isEqualTo(pg.expressionKey("a = 1 OR p BETWEEN 1 AND 5"));
        assertThat(pg.expressionKey("((percent_off >= 1) AND (percent_off <= 99))"))
                .isNotEqualTo(pg.expressionKey("percent_off BETWEEN 1 AND 100"));
        assertThat(pg.expressionKey("((q < 0.5) OR (q > (2)::numeric))")).isNotEqualTo(pg.expressionKey("q BETWEEN 0.5 AND 2"));
        // a name that merely contains the word stays as it is
        assertThat(pg.expressionKey("between_x > 1")).isEqualTo("between_x>1");
    }

    @Test
    void betweenOfQuotedNamesAsEachEngineStoresIt() {
        // r3-1: MariaDB's information_schema spelling of the model's check
        assertThat(maria.expressionKey("`percent_off` between 1 and 100")).isEqualTo(maria.expressionKey("percent_off BETWEEN 1 AND 100"));
        assertThat(maria.expressionKey("`p` not between 1 and 100")).isEqualTo(maria.expressionKey("p NOT BETWEEN 1 AND 100"));
        assertThat(maria.expressionKey("char_length(`a`) between 1 and 3")).isEqualTo(maria.expressionKey("char_length(a) BETWEEN 1 AND 3"));
        assertThat(maria.expressionKey("`a` = 1 or `p` between 1 and 5")).isEqualTo(maria.expressionKey("a = 1 OR p BETWEEN 1 AND 5"));
        assertThat(maria.expressionKey("`percent_off` between 1 and 99")).isNotEqualTo(maria.expressionKey("percent_off BETWEEN 1 AND 100"));
        // r3-9: SQLite rewrites a renamed column's name in "", the model may quote it in []
        assertThat(sqlite.expressionKey("length(\"ArtistName\") BETWEEN 1 AND 120"))
                .isEqualTo(sqlite.expressionKey("length([ArtistName]) BETWEEN 1 AND 120"));
        assertThat(sqlite.expressionKey("[a b] > 1")).isEqualTo(sqlite.expressionKey("\"a b\" > 1"));
        assertThat(h2.expressionKey("\"P\" BETWEEN 1 AND 5")).isEqualTo(h2.expressionKey("p between 1 and 5"));
    }

    @Test
    void betweenWithExpressionOperands() {
        // r3-2: what each engine stores for the model's "a + 1 BETWEEN b AND b * 2"
        String model = "a + 1 BETWEEN b AND b * 2";
        assertThat(pg.expressionKey("(((a + 1) >= b) AND ((a + 1) <= (b * 2)))")).isEqualTo(pg.expressionKey(model));
        assertThat(maria.expressionKey("`a` + 1 between `b` and `b` * 2")).isEqualTo(maria.expressionKey(model));
        assertThat(h2.expressionKey("(\"A\" + 1) BETWEEN \"B\" AND (\"B\" * 2)")).isEqualTo(h2.expressionKey(model));
        assertThat(sqlite.expressionKey(model)).isEqualTo(sqlite.expressionKey("(a + 1) between b and (b * 2)"));
        // never a different condition: 1 alone is not the left operand
        assertThat(pg.expressionKey(model)).isNotEqualTo(pg.expressionKey("a + 1 >= b and 1 <= b * 2"));
        assertThat(pg.expressionKey("(((a + 1) >= b) AND ((a + 1) <= (b * 3)))")).isNotEqualTo(pg.expressionKey(model));
        assertThat(pg.expressionKey("((((- a) >= (- b)) AND ((- a) <= 2)))")).isEqualTo(pg.expressionKey("-a BETWEEN -b AND 2"));
        assertThat(pg.expressionKey("(((lower(s) >= 'a'::text) AND (lower(s) <= 'm'::text)))"))
                .isEqualTo(pg.expressionKey("lower(s) BETWEEN 'a' AND 'm'"));
        assertThat(pg.expressionKey("(((x.y >= 1) AND (x.y <= 2)) OR (z > 0))")).isEqualTo(pg.expressionKey("x.y BETWEEN 1 AND 2 OR z > 0"));
        // a left operand that cannot be delimited is left as written, on both sides
        assertThat(maria.expressionKey("`a` || `b` between 1 and 2")).isEqualTo("a||bbetween1and2");
        assertThat(pg.expressionKey("a = b BETWEEN 1 AND 2")).isEqualTo("a=bbetween1and2");
        assertThat(pg.expressionKey("x BETWEEN SYMMETRIC 1 AND 2")).isEqualTo("xbetweensymmetric1and2");
        assertThat(pg.expressionKey("x BETWEEN 1 AND 2 + 3")).isEqualTo(pg.expressionKey("((x >= 1) AND (x <= (2 + 3)))"));
        assertThat(pg.expressionKey("x BETWEEN 1 AND 2 = true")).isEqualTo("xbetween1and2=true");
    }

    @Test
    void h2CastsOfLiteralsAreTheLiterals() {
        assertThat(h2.expressionKey("\"BALANCE\" >= CAST(0 AS NUMERIC(1))")).isEqualTo(h2.expressionKey("balance >= 0"));
        assertThat(h2.expressionKey("\"KIND\" <> CAST('x' AS CHARACTER VARYING(1))")).isEqualTo(h2.expressionKey("kind <> 'x'"));
        assertThat(h2.expressionKey("\"BALANCE\" >= CAST(0 AS NUMERIC(1))")).isNotEqualTo(h2.expressionKey("balance >= 1"));
    }

    @Test
    void currentTimestampOfTheColumnsOwnPrecision() {
        SqlType timestamp6 = new SqlType(SqlType.Kind.TIMESTAMP, null, 6, null, true, null, null, null);
        SqlType timestamp3 = new SqlType(SqlType.Kind.TIMESTAMP, null, 3, null, true, null, null, null);
        assertThat(maria.defaultKey("current_timestamp(6)", timestamp6)).isEqualTo(maria.defaultKey("CURRENT_TIMESTAMP", timestamp6));
        assertThat(maria.defaultKey("current_timestamp(6)", SqlType.timestamp(false)))
                .as("Retort's TIMESTAMP is DATETIME(6) there").isEqualTo(maria.defaultKey("CURRENT_TIMESTAMP", SqlType.timestamp(false)));
        assertThat(maria.defaultKey("current_timestamp(3)", timestamp6)).isNotEqualTo(maria.defaultKey("CURRENT_TIMESTAMP", timestamp6));
        assertThat(maria.defaultKey("current_timestamp(3)", timestamp3)).isEqualTo(maria.defaultKey("CURRENT_TIMESTAMP", timestamp3));
    }

    /** t69-1: MariaDB's own integer types, signed and unsigned, and H2's TINYINT widen as the portable ones do. */
    @Test
    void integerTypesWidenByTheValuesTheyHold() {
        SqlType smallint = SqlType.of(SqlType.Kind.SMALLINT);
        SqlType integer = SqlType.of(SqlType.Kind.INTEGER);
        SqlType bigint = SqlType.of(SqlType.Kind.BIGINT);
        assertThat(maria.widens(smallint, integer)).isTrue();
        assertThat(maria.widens(bigint, integer)).isFalse();
        // tinyint < smallint < mediumint < int < bigint
        assertThat(maria.widens(SqlType.raw("tinyint"), smallint)).isTrue();
        assertThat(maria.widens(SqlType.raw("tinyint"), SqlType.raw("mediumint"))).isTrue();
        assertThat(maria.widens(smallint, SqlType.raw("mediumint"))).isTrue();
        assertThat(maria.widens(SqlType.raw("mediumint"), integer)).isTrue();
        assertThat(maria.widens(SqlType.raw("mediumint"), bigint)).isTrue();
        assertThat(maria.widens(SqlType.raw("mediumint"), smallint)).isFalse();
        assertThat(maria.widens(integer, SqlType.raw("mediumint"))).isFalse();
        assertThat(maria.widens(smallint, SqlType.raw("tinyint"))).isFalse();
        // unsigned: fits a wider unsigned or a wider signed one; a signed one fits no unsigned one
        assertThat(maria.widens(SqlType.raw("tinyint unsigned"), SqlType.raw("smallint unsigned"))).isTrue();
        assertThat(maria.widens(SqlType.raw("tinyint unsigned"), smallint)).isTrue();
        assertThat(maria.widens(SqlType.raw("smallint unsigned"), SqlType.raw("int unsigned"))).isTrue();
        assertThat(maria.widens(SqlType.raw("smallint unsigned"), SqlType.raw("mediumint"))).isTrue();
        assertThat(maria.widens(SqlType.raw("int unsigned"), bigint)).isTrue();
        assertThat(maria.widens(SqlType.raw("int unsigned"), SqlType.raw("bigint unsigned"))).isTrue();
        assertThat(maria.widens(SqlType.raw("int(10) unsigned"), SqlType.raw("int unsigned zerofill"))).isTrue();
        assertThat(maria.widens(SqlType.raw("tinyint unsigned"), SqlType.raw("tinyint"))).isFalse();
        assertThat(maria.widens(SqlType.raw("int unsigned"), integer)).isFalse();
        assertThat(maria.widens(SqlType.raw("bigint unsigned"), bigint)).isFalse();
        assertThat(maria.widens(SqlType.raw("tinyint"), SqlType.raw("tinyint unsigned"))).isFalse();
        assertThat(maria.widens(SqlType.raw("tinyint"), SqlType.raw("bigint unsigned"))).isFalse();
        assertThat(maria.widens(SqlType.raw("smallint unsigned"), smallint)).isFalse();
        assertThat(maria.widens(SqlType.raw("int unsigned"), SqlType.raw("smallint unsigned"))).isFalse();
        // not integers
        assertThat(maria.widens(SqlType.raw("tinyint"), SqlType.numeric(10, 0))).isFalse();
        assertThat(maria.widens(SqlType.of(SqlType.Kind.BOOLEAN), smallint)).isFalse();
        assertThat(maria.widens(SqlType.raw("tinyint(1)"), smallint)).as("MariaDB's boolean").isFalse();
        assertThat(maria.widens(SqlType.raw("double unsigned"), SqlType.of(SqlType.Kind.DOUBLE))).isFalse();
        // H2's TINYINT
        assertThat(h2.widens(SqlType.raw("TINYINT"), smallint)).isTrue();
        assertThat(h2.widens(SqlType.raw("TINYINT"), bigint)).isTrue();
        assertThat(h2.widens(smallint, SqlType.raw("TINYINT"))).isFalse();
        assertThat(pg.widens(smallint, bigint)).isTrue();
    }

    /** t69-1: MariaDB's mediumint is not int (24 bits, not 32); H2 makes it INTEGER. */
    @Test
    void mariadbMediumintIsATypeOfItsOwn() {
        assertThat(maria.typeKey(SqlType.raw("mediumint"))).isNotEqualTo(maria.typeKey(SqlType.of(SqlType.Kind.INTEGER)));
        assertThat(maria.typeKey(SqlType.raw("mediumint(9)"))).isEqualTo(maria.typeKey(SqlType.raw("mediumint")));
        assertThat(h2.typeKey(SqlType.raw("mediumint"))).isEqualTo(h2.typeKey(SqlType.of(SqlType.Kind.INTEGER)));
        assertThat(maria.sameFamily(SqlType.raw("tinyint unsigned"), SqlType.of(SqlType.Kind.INTEGER))).isTrue();
    }
}
