package dev.retort.script;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements built from fragments that hide semicolons split back into exactly those statements. */
class SqlSplitterPropertiesTest {

    private static final List<String> COMMON = List.of("1", "a.b", "'x;y'", "'it''s; ok'", "\"q;id\"", "\"dq\"\"x;\"",
            "/* c; 'x */", "-- line; 'x\n", "CASE WHEN 1 THEN ';' END", "'multi\nline;'", "(2, 3)", "`bt;x`");
    private static final List<String> POSTGRES = List.of("$$ a; b $$", "$tag$ x; $$ y; $tag$", "E'esc\\'; x'",
            "/* nested /* c; */ still; */", "ARRAY[1, 2][1]", "$1", "col$x",
            "(a; ')' ; (b; c))");
    private static final List<String> MYSQL = List.of("'back\\'slash;'", "\"dq\\\"x;\"", "# hash; c\n", "/*!40101 x */");
    private static final List<String> SQLITE = List.of("[br;acket]", "[a]]b;]");
    private static final List<String> H2 = List.of("$$ a; b $$", "// slash; 'c\n", "ARRAY[1, 2][1]",
            "/* nested /* c; */ still; */");

    private static Arbitrary<List<List<String>>> statements(List<String> extra) {
        List<String> pool = new java.util.ArrayList<>(COMMON);
        pool.addAll(extra);
        Arbitrary<List<String>> statement = Arbitraries.of(pool).list().ofMinSize(0).ofMaxSize(6);
        return statement.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<List<String>>> postgres() {
        return statements(POSTGRES);
    }

    @Provide
    Arbitrary<List<List<String>>> mysql() {
        return statements(MYSQL);
    }

    @Provide
    Arbitrary<List<List<String>>> sqlite() {
        return statements(SQLITE);
    }

    @Provide
    Arbitrary<List<List<String>>> h2() {
        return statements(H2);
    }

    private static void roundTrip(SqlSplitter splitter, List<List<String>> parts) {
        // a newline before each ';' so that a trailing line comment does not swallow it
        List<String> raw = parts.stream().map(p -> "SELECT " + String.join(" ", p) + "\n").toList();
        List<String> expected = raw.stream().map(String::strip).toList();
        String text = String.join(";\n", raw) + ";";
        assertThat(splitter.split(text)).as(text).isEqualTo(expected);
    }

    @Property(tries = 300)
    void postgresRoundTrip(@ForAll("postgres") List<List<String>> parts) {
        roundTrip(SqlSplitter.postgresql(), parts);
    }

    @Property(tries = 300)
    void mysqlRoundTrip(@ForAll("mysql") List<List<String>> parts) {
        roundTrip(SqlSplitter.mysql(true), parts);
    }

    @Property(tries = 300)
    void sqliteRoundTrip(@ForAll("sqlite") List<List<String>> parts) {
        roundTrip(SqlSplitter.sqlite(), parts);
    }

    /** Words after '.' that read as keywords: column names in trigger and routine bodies (t13-3). */
    private static final List<String> QUALIFIED = List.of("NEW.begin", "NEW.end", "OLD . end", "t.if", "NEW.case",
            "NEW.loop", "NEW.while", "NEW.repeat", "x.`end`", "1");

    @Provide
    Arbitrary<List<List<String>>> bodies() {
        Arbitrary<List<String>> statement = Arbitraries.of(QUALIFIED).list().ofMinSize(1).ofMaxSize(4);
        return statement.list().ofMinSize(1).ofMaxSize(4);
    }

    /** A trigger whose body names columns begin/end/... qualified, then a statement: the two split apart. */
    private static void triggerThenStatement(SqlSplitter splitter, List<List<String>> body) {
        StringBuilder trigger = new StringBuilder("CREATE TRIGGER tr BEFORE INSERT ON ev FOR EACH ROW\nBEGIN\n");
        for (List<String> st : body) trigger.append("  SET NEW.n = ").append(String.join(" + ", st)).append(";\n");
        trigger.append("END");
        String text = trigger + ";\nINSERT INTO ev (id) VALUES (1);";
        assertThat(splitter.split(text)).as(text).containsExactly(trigger.toString(), "INSERT INTO ev (id) VALUES (1)");
    }

    @Property(tries = 200)
    void qualifiedKeywordsInTriggerBodies(@ForAll("bodies") List<List<String>> body) {
        triggerThenStatement(SqlSplitter.mysql(true), body);
        triggerThenStatement(SqlSplitter.sqlite(), body);
        triggerThenStatement(SqlSplitter.h2(), body);
    }

    @Property(tries = 300)
    void h2RoundTrip(@ForAll("h2") List<List<String>> parts) {
        roundTrip(SqlSplitter.h2(), parts);
    }
}
