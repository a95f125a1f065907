package dev.retort.dialect.sqlite;

import dev.retort.dialect.sqlite.SqliteDdlParser.Declared;
import dev.retort.dialect.sqlite.SqliteDdlParser.ParsedIndex;
import dev.retort.dialect.sqlite.SqliteDdlParser.ParsedTable;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteDdlParserTest {

    @Test
    void quotedIdentifiersOfEveryStyleStringsAndCommentsDoNotBreakTheStructure() {
        ParsedTable t = SqliteDdlParser.parseCreateTable("""
                CREATE TABLE IF NOT EXISTS main.[Order Details] ( -- a comment, with (parens)
                  "a,b" TEXT DEFAULT 'x,)y' CONSTRAINT "ck ""q\"\"" CHECK ("a,b" <> ')'),
                  `c``d` INTEGER PRIMARY KEY AUTOINCREMENT,
                  [e]TEXT COLLATE NOCASE UNIQUE, /* block, comment ) */
                  f INT CONSTRAINT fk_f REFERENCES [other t] (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
                  CONSTRAINT pk_x PRIMARY KEY ([e] COLLATE NOCASE DESC, f),
                  CONSTRAINT 'uq e' UNIQUE (e),
                  CHECK (length([e]) > (1 + 2)),
                  FOREIGN KEY (f, e) REFERENCES "other t" ON UPDATE CASCADE
                ) WITHOUT ROWID, STRICT;""");
        assertThat(t.name()).isEqualTo("Order Details");
        assertThat(t.options()).isEqualTo("WITHOUT ROWID, STRICT");
        assertThat(t.autoincrementColumns()).containsExactly("c`d");
        assertThat(t.collations()).containsEntry("e", "NOCASE");
        assertThat(t.ofKind("CHECK")).extracting(Declared::name, Declared::expression, Declared::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ck \"q\"", "\"a,b\" <> ')'", "a,b"),
                org.assertj.core.groups.Tuple.tuple(null, "length([e]) > (1 + 2)", null));
        assertThat(t.ofKind("PRIMARY KEY")).extracting(Declared::name, Declared::columns).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, List.of("c`d")),
                org.assertj.core.groups.Tuple.tuple("pk_x", List.of("e", "f")));
        assertThat(t.ofKind("UNIQUE")).extracting(Declared::name, Declared::columns).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, List.of("e")),
                org.assertj.core.groups.Tuple.tuple("uq e", List.of("e")));
        assertThat(t.ofKind("FOREIGN KEY")).extracting(Declared::name, Declared::columns, Declared::refTable,
                Declared::expression).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fk_f", List.of("f"), "other t", "DEFERRABLE INITIALLY DEFERRED"),
                org.assertj.core.groups.Tuple.tuple(null, List.of("f", "e"), "other t", null));
    }

    @Test
    void columnDefinitionsSplitIntoTheirClausesAsWritten() {
        ParsedTable t = SqliteDdlParser.parseCreateTable("CREATE TABLE x (a INT CONSTRAINT nn NOT NULL ON CONFLICT REPLACE"
                + " DEFAULT -1 COLLATE NOCASE, b VARCHAR (10) REFERENCES p (id) ON DELETE SET NULL NOT DEFERRABLE"
                + " UNIQUE ON CONFLICT IGNORE CHECK (b <> 'x'), c)");
        assertThat(t.columnDef("A").clauses()).extracting(SqliteDdlParser.Clause::kind, SqliteDdlParser.Clause::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NOT NULL", "CONSTRAINT nn NOT NULL ON CONFLICT REPLACE"),
                        org.assertj.core.groups.Tuple.tuple("DEFAULT", "DEFAULT -1"),
                        org.assertj.core.groups.Tuple.tuple("COLLATE", "COLLATE NOCASE"));
        assertThat(t.columnDef("a").clauses().get(0).head()).isEqualTo("CONSTRAINT nn ");
        SqliteDdlParser.ColumnDef b = t.columnDef("b");
        assertThat(b.typeText()).isEqualTo("VARCHAR (10)");
        assertThat(b.clauses()).extracting(SqliteDdlParser.Clause::text).containsExactly(
                "REFERENCES p (id) ON DELETE SET NULL NOT DEFERRABLE", "UNIQUE ON CONFLICT IGNORE", "CHECK (b <> 'x')");
        assertThat(b.clauses()).allSatisfy(k -> assertThat(k.declared()).isNotNull());
        assertThat(t.columnDef("c").text()).isEqualTo("c");
        assertThat(t.columnDef("c").clauses()).isEmpty();
    }

    @Test
    void generatedColumnsAreNoticed() {
        ParsedTable t = SqliteDdlParser.parseCreateTable(
                "CREATE TABLE g (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED, c AS (a + 1))");
        assertThat(t.generatedColumns()).containsExactly("b", "c");
    }

    @Test
    void indexElementsAndPartialPredicate() {
        ParsedIndex ix = SqliteDdlParser.parseCreateIndex(
                "CREATE UNIQUE INDEX IF NOT EXISTS \"ix, odd\" ON [t] (lower(\"a,b\"), c DESC) WHERE c > 0 AND d = 'x;y'");
        assertThat(ix.name()).isEqualTo("ix, odd");
        assertThat(ix.table()).isEqualTo("t");
        assertThat(ix.unique()).isTrue();
        assertThat(ix.elements()).containsExactly("lower(\"a,b\")", "c DESC");
        assertThat(ix.where()).isEqualTo("c > 0 AND d = 'x;y'");
    }

    @Test
    void declaredTypesMapWhereClearAndStayRawOtherwise() {
        assertThat(SqliteTypes.fromDeclared("NVARCHAR(160)")).isEqualTo(SqlType.string(160));
        assertThat(SqliteTypes.fromDeclared("numeric(10, 2)")).isEqualTo(SqlType.numeric(10, 2));
        assertThat(SqliteTypes.fromDeclared("DATETIME")).isEqualTo(SqlType.timestamp(false));
        assertThat(SqliteTypes.fromDeclared("int")).isEqualTo(SqlType.of(SqlType.Kind.INTEGER));
        assertThat(SqliteTypes.fromDeclared("BLOB SUB_TYPE TEXT")).isEqualTo(SqlType.raw("BLOB SUB_TYPE TEXT"));
        assertThat(SqliteTypes.fromDeclared("")).isEqualTo(SqlType.raw(""));
        assertThat(SqliteTypes.fromDeclared("INTEGER(4)")).isEqualTo(SqlType.raw("INTEGER(4)"));
    }

    @Test
    void defaultsGetParenthesesOnlyWhenTheyAreExpressions() {
        assertThat(SqliteTableCopy.defaultClause("'a'")).isEqualTo("'a'");
        assertThat(SqliteTableCopy.defaultClause("-1.5")).isEqualTo("-1.5");
        assertThat(SqliteTableCopy.defaultClause("CURRENT_TIMESTAMP")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(SqliteTableCopy.defaultClause("datetime('now')")).isEqualTo("(datetime('now'))");
        assertThat(SqliteTableCopy.defaultClause("(1) + (2)")).isEqualTo("((1) + (2))");
        assertThat(SqliteTableCopy.defaultClause("(lower('X'))")).isEqualTo("(lower('X'))");
    }
}
