package dev.retort.script;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written header-line matcher agrees with the regex it replaces, on any line. */
class SqlDirectiveTest {

    @Property(tries = 3000)
    void sameAsTheRegex(@ForAll("lines") String line) {
        Matcher m = SqlRevisionParser.DIRECTIVE.matcher(line);
        String[] d = SqlRevisionParser.directive(line);
        if (m.matches()) {
            assertThat(d).as("line %s", escape(line)).containsExactly(m.group(1), m.group(2));
        } else {
            assertThat(d).as("line %s", escape(line)).isNull();
        }
    }

    @Test
    void examples() {
        assertThat(SqlRevisionParser.directive("-- retort:revision ae1027a6acf1")).containsExactly("revision", "ae1027a6acf1");
        assertThat(SqlRevisionParser.directive("  --\tretort:message  add a column \t\r")).containsExactly("message", "add a column");
        assertThat(SqlRevisionParser.directive("-- retort:upgrade")).containsExactly("upgrade", "");
        assertThat(SqlRevisionParser.directive("-- retort:message a\rb")).isNull();
        // t43-1: the prefix in any case, as the key
        assertThat(SqlRevisionParser.directive("-- Retort:upgrade")).containsExactly("upgrade", "");
        assertThat(SqlRevisionParser.directive("-- RETORT:DOWNGRADE")).containsExactly("DOWNGRADE", "");
        assertThat(SqlRevisionParser.directive("ALTER TABLE t ADD c INT; -- retort:upgrade")).isNull();
        // the notes of generated revisions are comments (they begin '-- Retort: '), as before t43-1
        assertThat(SqlRevisionParser.directive("-- Retort: alter column author.name changes the type")).isNull();
        assertThat(SqlRevisionParser.nearMiss("-- Retort: alter column author.name changes the type")).isFalse();
        assertThat(SqlRevisionParser.directive("-- Retort:")).isNull();
        assertThat(SqlRevisionParser.nearMiss("-- Retort:")).isTrue();
        assertThat(SqlRevisionParser.nearMiss("-- Retort: downgrade")).isTrue();
        assertThat(SqlRevisionParser.nearMiss("-- Retort: Revises a1")).isTrue();
        assertThat(SqlRevisionParser.directive("-- retort: downgrade")).containsExactly("", "downgrade");
    }

    /** t43-1: comments that look like a directive but are none, refused by the parser; ordinary comments are not. */
    @Test
    void nearMisses() {
        for (String line : new String[]{"--- retort:downgrade", "/* retort:downgrade */", "  /*Retort:upgrade*/",
                "# RETORT:downgrade", "// retort:revises a1", "-- retort :downgrade", "---- Retort:Revises p8",
                // t81-3: a no-break space among the blanks, no colon before a section key
                "--\u00a0retort:downgrade", "-- retort\u00a0:upgrade", "-- retort downgrade", "-- Retort-Upgrade",
                "/* retort_downgrade */", "-- retort\u00a0downgrade "}) {
            assertThat(SqlRevisionParser.directive(line)).as(line).isNull();
            assertThat(SqlRevisionParser.nearMiss(line)).as(line).isTrue();
        }
        for (String line : new String[]{"-- retorting: no", "-- the retort: table", "SELECT 'retort:'", "-- retort",
                "/* retortx: */", "-- retort downgrade notes", "-- retort upgrades it", "-- retortdowngrade"}) {
            assertThat(SqlRevisionParser.nearMiss(line)).as(line).isFalse();
        }
    }

    /** t81-3: where a marker-like comment opens after SQL on a line, as text (the engines say whether it is in code). */
    @Test
    void markersAfterSql() {
        assertThat(SqlRevisionParser.markerAfterSql("CREATE TABLE t (a INT); -- retort:downgrade")).isEqualTo(24);
        assertThat(SqlRevisionParser.markerAfterSql("DROP TABLE t; /* Retort:Upgrade */")).isEqualTo(14);
        assertThat(SqlRevisionParser.markerAfterSql("DROP TABLE t;# retort downgrade")).isEqualTo(13);
        assertThat(SqlRevisionParser.markerAfterSql("DROP TABLE t; ---\u00a0retort:downgrade")).isEqualTo(14);
        for (String line : new String[]{"-- retort:downgrade", "  /* retort:upgrade */", "SELECT 1; -- retort will run it",
                "SELECT 1; -- Retort: alter column t.a changes the type", "SELECT retort_downgrade FROM t;"}) {
            assertThat(SqlRevisionParser.markerAfterSql(line)).as(line).isEqualTo(-1);
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> pieces = Arbitraries.of(" ", "\t", "-", "--", "-- ", "retort:", "retort", "Retort:", "upgrade",
                "message", "a", "b c", "\r", "\u000B", "\f", "\u0085", "\u2028", "\u2029", "x:y", "é", ";");
        return pieces.list().ofMaxSize(10).map(l -> String.join("", l));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return b.toString();
    }
}
