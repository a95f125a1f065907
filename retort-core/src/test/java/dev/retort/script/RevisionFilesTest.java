package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import dev.retort.graph.RevisionHeader;
import dev.retort.migration.IrreversibleMigrationException;
import dev.retort.migration.Migration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading SQL and Java revision headers from files: every form, and exact messages for malformed ones. */
class RevisionFilesTest {
    @TempDir
    Path dir;

    private Path versions() throws IOException {
        return Files.createDirectories(dir.resolve("migrations/versions"));
    }

    private Path write(String name, String text) throws IOException {
        Path f = versions().resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private ScriptDirectory load() {
        return ScriptDirectory.load(RetortConfig.of(dir.resolve("migrations"), null));
    }

    private static final String SPEC_SQL = """
            -- retort:revision ae1027a6acf1
            -- retort:revises 1975ea83b712
            -- retort:message add account table
            -- retort:created 2026-01-22T10:30:00Z

            -- retort:upgrade
            CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);

            -- retort:downgrade
            DROP TABLE account;
            """;

    /** A folder and its sub-folder, the same folder spelt twice and through a link: every file is read once. */
    @Test
    void overlappingVersionLocationsReadEachFileOnce() throws Exception {
        write("s1_top.sql", "-- retort:revision s1\n-- retort:upgrade\n");
        Path sub = write("sub/s2_sub.sql", "-- retort:revision s2\n-- retort:revises s1\n-- retort:upgrade\n");
        Path link = Files.createSymbolicLink(dir.resolve("linked"), versions());
        RetortConfig config = RetortConfig.of(dir.resolve("migrations"), null).withVersionLocations(List.of(
                dir.resolve("migrations/versions"), dir.resolve("migrations/versions/sub"),
                Path.of(dir + "/migrations/./versions/"), link, link.resolve("sub")));
        ScriptDirectory scripts = ScriptDirectory.load(config);
        assertThat(scripts.scripts()).extracting(RevisionScript::id).containsExactly("s1", "s2");
        assertThat(scripts.script("s2").path()).isEqualTo(sub.toAbsolutePath());
        assertThat(scripts.graph().size()).isEqualTo(2);
    }

    @Test
    void sqlHeaderOfTheSpec() throws Exception {
        Path f = write("ae1027a6acf1_add_account.sql", SPEC_SQL);
        RevisionScript s = load().script("ae1027a6acf1");
        assertThat(s.kind()).isEqualTo(RevisionScript.Kind.SQL);
        assertThat(s.header()).isEqualTo(new RevisionHeader("ae1027a6acf1", List.of("1975ea83b712"), List.of(), List.of(),
                "add account table", "2026-01-22T10:30:00Z", f.toAbsolutePath().toString()));
        assertThat(s.transactional()).isTrue();
        assertThat(s.path()).isEqualTo(f.toAbsolutePath());
        assertThat(s.checksum()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
    }

    /**
     * t13-10: the checksum ignores line ends (CRLF, CR) and a leading BOM, as Flyway's, so that a Windows checkout of
     * an applied revision does not read as an edit; a file with LF ends keeps the SHA-256 of its bytes exactly.
     */
    @Test
    void checksumIgnoresLineEndsAndAByteOrderMark() throws Exception {
        String lf = SPEC_SQL + "-- caf\u00e9 \u2713\n";
        Path f = write("ae1027a6acf1_add_account.sql", lf);
        String recorded = load().script("ae1027a6acf1").checksum();
        assertThat(recorded).as("unchanged for LF files").isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        assertThat(RevisionChecksums.fileChecksum("SELECT 1;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .as("sha256sum of the same bytes").isEqualTo("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
        assertThat(RevisionChecksums.fileChecksum(lf.replace("\n", "\r").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .as("old Mac CR ends").isEqualTo(recorded);
        for (String variant : List.of(lf.replace("\n", "\r\n"), "\uFEFF" + lf,
                "\uFEFF" + lf.replace("\n", "\r\n"), lf.replace("\n", "\r\n").replaceFirst("\r\n", "\n"))) {
            Files.writeString(f, variant);
            assertThat(load().script("ae1027a6acf1").checksum()).as(variant).isEqualTo(recorded);
        }
        // and through the run's own read of the file (the history row's checksum)
        Files.writeString(f, lf.replace("\n", "\r\n"));
        ScriptDirectory scripts = load();
        scripts.migration("ae1027a6acf1");
        assertThat(scripts.script("ae1027a6acf1").checksum()).isEqualTo(recorded);
        // a checksum recorded before (of the CRLF file's bytes as they were) is still the file's
        String raw = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        assertThat(raw).isNotEqualTo(recorded);
        assertThat(scripts.script("ae1027a6acf1").hasChecksum(raw)).isTrue();
        assertThat(scripts.script("ae1027a6acf1").hasChecksum(recorded)).isTrue();
        assertThat(scripts.script("ae1027a6acf1").hasChecksum("0".repeat(64))).isFalse();
        // the same file applied from a CRLF (or BOM) checkout before, read from an LF checkout now (r6-1)
        Files.writeString(f, lf);
        ScriptDirectory linux = load();
        for (String applied : List.of(lf.replace("\n", "\r\n"), "\uFEFF" + lf, "\uFEFF" + lf.replace("\n", "\r\n"))) {
            String then = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(applied.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(linux.script("ae1027a6acf1").hasChecksum(then)).as(applied).isTrue();
        }
        // an edit still shows, also a CR inside a line and a mark that is not at the start
        for (String edit : List.of(lf.replace("account", "accounts"), lf + "\n", lf.replace("caf", "ca\r\rf"),
                lf.replace("caf", "\uFEFFcaf"))) {
            Files.writeString(f, edit);
            assertThat(load().script("ae1027a6acf1").checksum()).as(edit).isNotEqualTo(recorded);
        }
    }

    /** A file with CR line ends only (classic Mac OS editors) reads as the same file with LF ends (r6-2). */
    @Test
    void sqlWithCarriageReturnLineEndsOnly() throws Exception {
        write("ae1027a6acf1_add_account.sql", SPEC_SQL.replace("\n", "\r"));
        ScriptDirectory scripts = load();
        RevisionScript s = scripts.script("ae1027a6acf1");
        assertThat(s.header().revises()).containsExactly("1975ea83b712");
        assertThat(s.header().message()).isEqualTo("add account table");
    }

    /** As Windows editors save it: a byte-order mark and CRLF line ends. Read, split and run as the plain file. */
    @Test
    void sqlWithByteOrderMarkAndCrlfLineEnds() throws Exception {
        Path f = write("ae1027a6acf1_add_account.sql", "\uFEFF" + SPEC_SQL.replace("\n", "\r\n"));
        ScriptDirectory scripts = load();
        RevisionScript s = scripts.script("ae1027a6acf1");
        assertThat(s.header().revises()).containsExactly("1975ea83b712");
        assertThat(s.header().message()).isEqualTo("add account table");
        assertThat(s.checksum()).as("as the plain file's: line ends and the mark aside (t13-10)").isEqualTo(HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(SPEC_SQL.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        SqlMigration m = (SqlMigration) scripts.migration("ae1027a6acf1");
        assertThat(m.upgradeStatements("sqlite"))
                .containsExactly("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)");
        assertThat(m.downgradeStatements("sqlite")).containsExactly("DROP TABLE account");
    }

    /**
     * pg_dump's {@code COPY ... FROM stdin} data blocks cannot run through JDBC nor be written as statements: refused
     * when the section is split, naming the line of the file (the run names the file); the word in a string, or a
     * COPY from a server file, is not refused.
     */
    @Test
    void copyFromStdinIsRefusedWithItsLine() throws Exception {
        write("c1.sql", """
                -- retort:revision c1
                -- retort:upgrade
                CREATE TABLE t (id int, v text);
                COPY t (v) FROM '/srv/from stdin.csv';
                INSERT INTO t VALUES (1, 'COPY t FROM stdin');
                COPY public.t (id, v) FROM stdin;
                1	a;b
                \\.
                -- retort:downgrade
                /* header */ copy t
                  from STDIN with (format csv);
                """);
        SqlMigration m = (SqlMigration) load().migration("c1");
        assertThatThrownBy(() -> m.upgradeStatements("postgresql")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("line 6: COPY ... FROM STDIN is not supported in revisions: ")
                .hasMessageContaining("op.bulkInsert")
                .hasMessageContaining("COPY them FROM a file on the database server");
        assertThatThrownBy(() -> m.downgradeStatements("postgresql")).hasMessageStartingWith("line 10: COPY");
    }

    /**
     * t43-3: commands of the engine's command-line client are refused with their line in both modes (the server
     * cannot run them; the client would run them from the --sql script): psql's anywhere outside strings, comments
     * and bodies, COPY ... TO STDOUT, sqlite3 dot-commands, the mariadb client's commands at a statement's start.
     */
    @Test
    void clientCommandsAreRefusedWithTheirLine() throws Exception {
        write("k1.sql", """
                -- retort:revision k1
                -- retort:upgrade
                CREATE TABLE t10 (a int); \\i /tmp/extra.sql
                -- retort:downgrade
                SELECT 'a \\i b', $$ \\x $$ /* \\y */ -- \\z
                ;
                SELECT format('CREATE TABLE %I (a int)', 'x')
                \\gexec
                """);
        write("k2.sql", """
                -- retort:revision k2
                -- retort:revises k1
                -- retort:upgrade
                SELECT 1;
                /* rows */ copy (SELECT 1) TO stdout;
                -- retort:downgrade
                COPY t TO '/srv/stdout.csv';
                """);
        write("k3.sql", """
                -- retort:revision k3
                -- retort:revises k2
                -- retort:upgrade
                CREATE TABLE t (a INT);
                .bail off
                INSERT INTO t VALUES (1);
                -- retort:downgrade
                SELECT '.read x';
                """);
        write("k4.sql", """
                -- retort:revision k4
                -- retort:revises k3
                -- retort:upgrade
                source /tmp/extra.sql
                CREATE TABLE c1t (a int);
                -- retort:downgrade
                DROP TABLE c1t; \\. /tmp/extra.sql
                """);
        write("k5.sql", """
                -- retort:revision k5
                -- retort:revises k4
                -- retort:upgrade
                CREATE TABLE t (a int);
                SYSTEM rm -rf /tmp/x
                -- retort:downgrade
                DROP TABLE t; USE other; SELECT 'source x';
                """);
        ScriptDirectory scripts = load();
        SqlMigration k1 = (SqlMigration) scripts.migration("k1");
        assertThatThrownBy(() -> k1.upgradeStatements("postgresql")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("line 3: psql meta-command '\\i' is not supported in revisions");
        assertThatThrownBy(() -> k1.downgradeStatements("postgresql")).hasMessageStartingWith("line 8: psql meta-command '\\gexec'");
        SqlMigration k2 = (SqlMigration) scripts.migration("k2");
        assertThatThrownBy(() -> k2.upgradeStatements("postgresql"))
                .hasMessageStartingWith("line 5: COPY ... TO STDOUT is not supported in revisions");
        assertThat(k2.downgradeStatements("postgresql")).hasSize(1);
        SqlMigration k3 = (SqlMigration) scripts.migration("k3");
        assertThatThrownBy(() -> k3.upgradeStatements("sqlite"))
                .hasMessageStartingWith("line 5: sqlite3 dot-command '.bail' is not supported in revisions");
        assertThat(k3.downgradeStatements("sqlite")).hasSize(1);
        SqlMigration k4 = (SqlMigration) scripts.migration("k4");
        assertThatThrownBy(() -> k4.upgradeStatements("mariadb"))
                .hasMessageStartingWith("line 4: mariadb client command 'source' is not supported in revisions");
        assertThatThrownBy(() -> k4.downgradeStatements("mariadb"))
                .hasMessageStartingWith("line 7: mariadb client command '\\.' is not supported in revisions");
        SqlMigration k5 = (SqlMigration) scripts.migration("k5");
        assertThatThrownBy(() -> k5.upgradeStatements("mariadb")).hasMessageStartingWith("line 5: mariadb client command 'SYSTEM'");
        assertThat(k5.downgradeStatements("mariadb")).hasSize(3);
        // engines without such commands: as before
        assertThat(k4.upgradeStatements("postgresql")).hasSize(1);
    }

    /**
     * t81-1, t81-4: lines the sqlite3 shell reads its own way, refused on SQLite with their line in both modes: a line of
     * only '/' or 'go' in a statement (the shell ends the statement there, SQLite does not), a '#' line before a
     * statement (the shell skips it, SQLite refuses it). In strings and comments, and on other engines, they are SQL.
     */
    @Test
    void sqliteShellLinesAreRefusedWithTheirLine() throws Exception {
        write("g1.sql", """
                -- retort:revision g1
                -- retort:upgrade
                CREATE TABLE t (a INT, b INT);
                INSERT INTO t VALUES (10
                /
                2, 1);
                -- retort:downgrade
                UPDATE t SET a = 100
                  Go  -- sent
                ;
                """);
        write("g2.sql", """
                -- retort:revision g2
                -- retort:revises g1
                -- retort:upgrade
                CREATE TABLE t (a INT);
                # a shell-style comment line
                INSERT INTO t VALUES (1);
                -- retort:downgrade
                SELECT 'a
                /
                go', "x
                go" /*
                /
                */, 4
                -- a comment
                / 2, golden
                # not at a statement's start: SQLite's error in both modes
                ;
                """);
        ScriptDirectory scripts = load();
        SqlMigration g1 = (SqlMigration) scripts.migration("g1");
        assertThatThrownBy(() -> g1.upgradeStatements("sqlite")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("line 5: a line holding only '/' ends the statement there in the sqlite3 shell")
                .hasMessageContaining("(e.g. '10 / 2')");
        assertThatThrownBy(() -> g1.downgradeStatements("sqlite"))
                .hasMessageStartingWith("line 9: a line holding only 'Go' ends the statement there in the sqlite3 shell");
        SqlMigration g2 = (SqlMigration) scripts.migration("g2");
        assertThatThrownBy(() -> g2.upgradeStatements("sqlite"))
                .hasMessageStartingWith("line 5: a line starting with '#' is not SQL on SQLite: ")
                .hasMessageContaining("Write the comment with '--'.");
        assertThat(g2.downgradeStatements("sqlite")).hasSize(1);
        // engines whose clients read these lines as SQL: as before
        assertThat(g1.upgradeStatements("postgresql")).hasSize(2);
        assertThat(g1.upgradeStatements("h2")).hasSize(2);
        assertThat(g2.upgradeStatements("mariadb")).hasSize(2);
    }

    /**
     * t81-7: a PostgreSQL escape string continued on the next line with a backslash in the continued part (read as an
     * escape by PostgreSQL, as a character by psql splitting the --sql script) is refused naming its line and the
     * E'...' line, not as an unterminated string lines later, cut by the downgrade marker.
     */
    @Test
    void postgresEscapeStringContinuedWithABackslashIsRefusedWithItsLine() throws Exception {
        write("e1.sql", """
                -- retort:revision e1
                -- retort:message e continuation
                -- retort:upgrade
                CREATE TABLE t (s text);
                INSERT INTO t VALUES (E'first '
                'it\\'s; second');
                INSERT INTO t VALUES ('x');
                INSERT INTO t VALUES (E'a\\'s '
                'b');
                -- retort:downgrade
                DROP TABLE t;
                """);
        SqlMigration e1 = (SqlMigration) load().migration("e1");
        assertThatThrownBy(() -> e1.upgradeStatements("postgresql")).isInstanceOf(RetortException.class)
                .hasMessage("line 6: this string continues the escape string E'...' of line 5 across a line break, where"
                        + " PostgreSQL reads its backslashes as escapes but psql, splitting a --sql script, reads them as"
                        + " plain characters (a \\' there would end the string for psql), so the online run and the"
                        + " script would differ; join the parts with || and an E before each (E'a ' || E'b\\'c'), or"
                        + " write the string on one line");
    }

    /**
     * t81-6: strings written for NO_BACKSLASH_ESCAPES (MariaDB) or standard_conforming_strings = off (PostgreSQL), which
     * Retort reads the servers' default way, are refused naming the line of the first string the two readings take
     * differently and why, not an unterminated string or psql meta-command lines later.
     */
    @Test
    void stringsWrittenForTheOtherBackslashReadingNameTheirLine() throws Exception {
        write("n1.sql", """
                -- retort:revision n1
                -- retort:message no backslash escapes
                -- retort:upgrade
                CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, s TEXT);
                SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES');
                INSERT INTO t (s) VALUES ('C:\\');
                INSERT INTO t (s) VALUES ('D:\\');
                -- retort:downgrade
                DROP TABLE t;
                """);
        write("n2.sql", """
                -- retort:revision n2
                -- retort:revises n1
                -- retort:upgrade
                CREATE TABLE t (s text);
                SET standard_conforming_strings = off;
                INSERT INTO t VALUES ('it\\'s');
                INSERT INTO t VALUES ('x\\'y');
                -- retort:downgrade
                DROP TABLE t;
                """);
        ScriptDirectory scripts = load();
        SqlMigration n1 = (SqlMigration) scripts.migration("n1");
        assertThatThrownBy(() -> n1.upgradeStatements("mariadb")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("line 6: the string opened on this line holds a backslash, which MariaDB/MySQL"
                        + " read as an escape by default")
                .hasMessageContaining("NO_BACKSLASH_ESCAPES")
                .hasMessageContaining("CONCAT('C:', X'5C')");
        SqlMigration n2 = (SqlMigration) scripts.migration("n2");
        assertThatThrownBy(() -> n2.upgradeStatements("postgresql")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("line 6: the string opened on this line holds a backslash, which PostgreSQL reads"
                        + " as a plain character in '...'")
                .hasMessageContaining("standard_conforming_strings off")
                .hasMessageContaining("E'it\\'s', or double the quote, 'it''s'.");
        // read the engine's default way they split, and a string left open for any reading is reported as before
        assertThat(n1.upgradeStatements("postgresql")).hasSize(4);
        assertThat(n2.upgradeStatements("mariadb")).hasSize(4);
        write("n3.sql", "-- retort:revision n3\n-- retort:revises n2\n-- retort:upgrade\nSELECT 1;\nSELECT 'a\\\\b;\n");
        assertThatThrownBy(() -> ((SqlMigration) load().migration("n3")).upgradeStatements("mariadb"))
                .hasMessageStartingWith("line 5: unterminated string");
    }

    /**
     * t61-7: git conflict markers left in a SQL revision are refused when the file is read (for its header too), naming
     * the file and line; the same lines inside a string, dollar-quoted body or block comment are that SQL's text.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void gitConflictMarkersAreRefusedWithTheirLine(boolean sections) throws IOException {
        String conflicted = """
                -- retort:revision mmm3
                -- retort:upgrade
                <<<<<<< HEAD
                CREATE TABLE t_mmm3 (id INTEGER);
                =======
                CREATE TABLE t_mmm3 (id BIGINT);
                >>>>>>> bob
                -- retort:downgrade
                DROP TABLE t_mmm3;
                """;
        assertThatThrownBy(() -> SqlRevisionParser.parse(conflicted, "mmm3.sql", sections)).isInstanceOf(RetortException.class)
                .hasMessage("mmm3.sql:3: '<<<<<<< HEAD' is a git merge conflict marker; resolve the conflict (keep the"
                        + " right lines, remove the marker lines) before running the revision");
        assertThatThrownBy(() -> SqlRevisionParser.parse(conflicted.replace("<<<<<<< HEAD\n", ""), "mmm3.sql", sections))
                .hasMessageStartingWith("mmm3.sql:4: '=======' is a git merge conflict marker");
        assertThatThrownBy(() -> SqlRevisionParser.parse("""
                -- retort:revision mmm3
                <<<<<<< HEAD
                -- retort:revises mmm1
                ||||||| base
                =======
                -- retort:revises mmm2
                >>>>>>> bob
                -- retort:upgrade
                SELECT 1;
                """, "mmm3.sql", sections)).hasMessageStartingWith("mmm3.sql:2: '<<<<<<< HEAD' is a git merge conflict marker");
        // inside a string, a dollar-quoted body and a block comment: text, not markers
        var ok = SqlRevisionParser.parse("""
                -- retort:revision ok1
                -- retort:upgrade
                INSERT INTO t (a) VALUES ('
                <<<<<<< not a conflict
                =======
                ');
                /*
                >>>>>>> nor this
                */
                -- retort:downgrade
                DELETE FROM t;
                """, "ok1.sql", sections);
        assertThat(ok.upgradeSql()).contains("=======");
        // in a $$ body, which only PostgreSQL's splitter reads as one: a statement of a PostgreSQL project, not refused
        var pg = SqlRevisionParser.parse("""
                -- retort:revision ok3
                -- retort:upgrade
                CREATE FUNCTION f() RETURNS void AS $$
                =======
                $$ LANGUAGE plpgsql;
                """, "ok3.sql", sections);
        assertThat(pg.upgradeSql()).contains("=======");
        // longer markers, as git writes them under a conflict-marker-size attribute (f11-6)
        assertThatThrownBy(() -> SqlRevisionParser.parse(conflicted.replace("<<<<<<< HEAD", "<<<<<<<<<< HEAD"), "mmm3.sql",
                sections)).hasMessageStartingWith("mmm3.sql:3: '<<<<<<<<<< HEAD' is a git merge conflict marker");
        assertThatThrownBy(() -> SqlRevisionParser.parse(conflicted.replace("<<<<<<< HEAD\n", "").replace("=======", "=========="),
                "mmm3.sql", sections)).hasMessageStartingWith("mmm3.sql:4: '==========' is a git merge conflict marker");
        assertThatThrownBy(() -> SqlRevisionParser.parse(conflicted.replace("<<<<<<< HEAD\n", "").replace("=======\n", "")
                        .replace(">>>>>>> bob", ">>>>>>>>>> bob"), "mmm3.sql", sections))
                .hasMessageStartingWith("mmm3.sql:5: '>>>>>>>>>> bob' is a git merge conflict marker");
        // and, as those of 7, SQL text inside a block comment
        assertThat(SqlRevisionParser.parse("-- retort:revision ok4\n-- retort:upgrade\n/*\n==========\n*/\nSELECT 1;\n",
                "ok4.sql", sections).upgradeSql()).contains("==========");
        // a line merely starting like one is SQL
        assertThat(SqlRevisionParser.parse("-- retort:revision ok2\n-- retort:upgrade\nSELECT 1\n<<<<<<<<2;\n", "ok2.sql",
                sections).upgradeSql()).contains("<<<<<<<<2");
        if (!sections) {
            assertSqlError(conflicted, "FILE:3: '<<<<<<< HEAD' is a git merge conflict marker; resolve the conflict (keep"
                    + " the right lines, remove the marker lines) before running the revision");
        }
    }

    /**
     * t45-5: a line that looks like a section marker but lies inside a string, quoted name, block comment or body of
     * the section's SQL is that construct's text, where every engine's splitter reads it so; where engines differ
     * (a dollar-quoted body, which MariaDB and SQLite do not have), it stays a marker line and the message says why.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void markerLinesInsideStringsAndBodiesAreText(boolean sections) {
        // sections false: read for the header (a project's load), where only a line that would be refused is looked at
        var r = SqlRevisionParser.parse("""
                -- retort:revision p2
                -- retort:upgrade
                INSERT INTO t (a) VALUES ('
                --- retort:downgrade is a section marker
                ');
                /* notes:
                -- retort:downgrade
                */
                CREATE TABLE "x
                -- Retort:upgrade
                " (a int);
                -- retort:downgrade
                DELETE FROM t WHERE a LIKE '%section
                -- retort:downgrade
                %';
                """, "p2.sql", sections);
        assertThat(r.upgradeSql()).startsWith("INSERT INTO t (a) VALUES ('\n--- retort:downgrade is a section marker\n');")
                .endsWith("\" (a int);\n");
        assertThat(r.downgradeLine()).isEqualTo(13);
        assertThat(r.downgradeSql()).isEqualTo("DELETE FROM t WHERE a LIKE '%section\n-- retort:downgrade\n%';\n");

        // MariaDB's 'it\'s': a string that ends on its line there, not for the other engines: the marker stays one
        var my = SqlRevisionParser.parse("""
                -- retort:revision m1
                -- retort:upgrade
                INSERT INTO t VALUES ('it\\'s');
                -- retort:downgrade
                DELETE FROM t;
                """, "m1.sql", sections);
        assertThat(my.downgradeSql()).isEqualTo("DELETE FROM t;\n");

        // a PostgreSQL body: a marker line for MariaDB and SQLite, so refused, saying where it is for PostgreSQL
        assertThatThrownBy(() -> SqlRevisionParser.parse("""
                -- retort:revision p3
                -- retort:upgrade
                CREATE FUNCTION h() RETURNS text LANGUAGE sql AS $$
                -- retort:downgrade
                SELECT 'x'
                $$;
                -- retort:downgrade
                DROP FUNCTION h();
                """, "p3.sql", sections)).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("p3.sql:7: a second '-- retort:downgrade' section (the first is on line 4)")
                .hasMessageEndingWith("(as PostgreSQL and H2 read the SQL, line 4 is inside a dollar-quoted body"
                        + " ($$...$$) opened on line 3, but not as the other engines do, so it is read as a Retort line:"
                        + " move it out of the string or body, or reword it)");
    }

    /**
     * t53-6: mariadb-dump's first line (a comment to the server, the client's sandbox mode) is left out, and the
     * statement after it keeps its own line; any other backslash command in a version comment is still refused.
     */
    @Test
    void mariadbDumpsSandboxLineIsLeftOut() throws Exception {
        write("s1.sql", """
                -- retort:revision s1
                -- retort:upgrade
                /*M!999999\\- enable the sandbox mode */\s
                -- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
                --
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                CREATE TABLE s1 (a INT);
                -- retort:downgrade
                /*M!999999\\! rm -rf x */ DROP TABLE s1;
                """);
        SqlMigration s1 = (SqlMigration) load().migration("s1");
        assertThat(s1.upgradeStatements("mariadb"))
                .containsExactly("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */", "CREATE TABLE s1 (a INT)");
        assertThatThrownBy(() -> s1.downgradeStatements("mariadb")).hasMessageStartingWith("line 9: mariadb client command '\\!'");
    }

    /**
     * t45-4: the mariadb client reads a backslash command after SQL on a line too ('... \\g', 'SELECT ...\\G', '\\c'):
     * refused with its own line, as one at a statement's start; backslashes in strings, quoted names and comments
     * and the server's \\N (NULL) are SQL.
     */
    @Test
    void mariadbBackslashCommandsAfterSqlAreRefusedWithTheirLine() throws Exception {
        write("g1.sql", """
                -- retort:revision g1
                -- retort:upgrade
                CREATE TABLE g0 (a INT);
                CREATE TABLE g1 (a INT)\\g
                CREATE TABLE g2 (a INT);
                -- retort:downgrade
                SELECT 'a\\'b\\g', "x\\G", `y\\c`, \\N /* \\g */ -- \\c
                # \\p
                ;
                SELECT 1,
                  2 \\G
                """);
        ScriptDirectory scripts = load();
        SqlMigration g1 = (SqlMigration) scripts.migration("g1");
        assertThatThrownBy(() -> g1.upgradeStatements("mariadb")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("line 4: mariadb client command '\\g' is not supported in revisions");
        assertThatThrownBy(() -> g1.downgradeStatements("mysql"))
                .hasMessageStartingWith("line 11: mariadb client command '\\G' is not supported in revisions");
        // the first statement of the downgrade alone is SQL
        write("g1.sql", Files.readString(dir.resolve("migrations/versions/g1.sql")).replaceAll("(?s)SELECT 1,.*", ""));
        assertThat(((SqlMigration) load().migration("g1")).downgradeStatements("mariadb")).hasSize(1);
        // other engines: not the mariadb client's
        assertThat(g1.upgradeStatements("sqlite")).hasSize(2);
    }

    /**
     * BEGIN/COMMIT/ROLLBACK of its own in a revision that runs in the run's transaction would split the work from
     * the version table's update; refused with its line. Savepoints, MariaDB's BEGIN NOT ATOMIC blocks and
     * revisions marked transactional false are left alone.
     */
    /** A string of several statements is refused when any of them begins or ends a transaction (r4-5). */
    @Test
    void transactionControlAfterTheFirstStatementOfAStringIsRefused() {
        SqlSplitter pg = SqlSplitter.forDialect("postgresql");
        assertThat(SqlMigration.transactionControl(pg, "INSERT INTO t1 VALUES (1); COMMIT")).startsWith("COMMIT is not allowed");
        assertThat(SqlMigration.transactionControl(pg, "SELECT 1; commit;")).startsWith("COMMIT is not allowed");
        assertThat(SqlMigration.transactionControl(pg, "SELECT 1;\n/* x */ begin; SELECT 2")).startsWith("BEGIN is not allowed");
        assertThat(SqlMigration.transactionControl(SqlSplitter.forDialect("sqlite"), "SELECT 1; END TRANSACTION"))
                .startsWith("END is not allowed");
        // not statements of their own: in strings, comments, a dollar-quoted body, a routine, after a savepoint
        assertThat(SqlMigration.transactionControl(pg, "INSERT INTO t VALUES ('a; COMMIT'); -- ; COMMIT")).isNull();
        assertThat(SqlMigration.transactionControl(pg, "DO $$ BEGIN PERFORM 1; COMMIT; END $$; SELECT 1")).isNull();
        assertThat(SqlMigration.transactionControl(pg, "SAVEPOINT s; ROLLBACK TO SAVEPOINT s; SELECT 1;")).isNull();
        assertThat(SqlMigration.transactionControl(SqlSplitter.forDialect("mariadb"),
                "CREATE PROCEDURE p() BEGIN INSERT INTO t VALUES (1); COMMIT; END")).isNull();
        assertThat(SqlMigration.transactionControl(pg, "CREATE TABLE t (id int)")).isNull();
    }

    /** t13-8: an END IF left over from a compound statement split apart is blamed on the split, not on transactions. */
    @Test
    void aSplitCompoundStatementIsNotBlamedOnTransactions() {
        SqlSplitter my = SqlSplitter.forDialect("mariadb");
        assertThat(SqlMigration.transactionControl(my, "END IF")).startsWith("'END IF' without its start: the statement"
                + " was split inside a compound statement").contains("BEGIN ... END").contains("DELIMITER");
        assertThat(SqlMigration.transactionControl(my, "ELSE SET NEW.n = 1; END WHILE")).startsWith("'END WHILE' without");
        assertThat(SqlMigration.transactionControl(SqlSplitter.forDialect("sqlite"), "END"))
                .startsWith("END is not allowed").contains("If this END closes a trigger or routine body");
        assertThat(SqlMigration.transactionControl(SqlSplitter.forDialect("sqlite"), "END TRANSACTION"))
                .startsWith("END is not allowed").doesNotContain("trigger");
    }

    @Test
    void transactionControlInATransactionalRevisionIsRefused() throws Exception {
        write("t1.sql", """
                -- retort:revision t1
                -- retort:upgrade
                BEGIN;
                CREATE TABLE t (id int);
                COMMIT;
                -- retort:downgrade
                SAVEPOINT s; DROP TABLE t; ROLLBACK TO SAVEPOINT s; rollback transaction to s;
                BEGIN NOT ATOMIC SELECT 1; END;
                BEGIN /* a block */ NOT ATOMIC SELECT 2; END;
                /* done */ Rollback;
                """);
        write("t2.sql", """
                -- retort:revision t2
                -- retort:revises t1
                -- retort:transactional false
                -- retort:upgrade
                BEGIN;
                CREATE TABLE u (id int);
                COMMIT;
                """);
        ScriptDirectory scripts = load();
        SqlMigration t1 = (SqlMigration) scripts.migration("t1");
        assertThatThrownBy(() -> t1.upgradeStatements("postgresql")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("line 3: BEGIN is not allowed in a revision that runs in the run's transaction")
                .hasMessageContaining("mark the revision transactional false ('-- retort:transactional false'");
        assertThatThrownBy(() -> t1.downgradeStatements("mariadb")).hasMessageStartingWith("line 10: ROLLBACK is not allowed");
        assertThat(((SqlMigration) scripts.migration("t2")).upgradeStatements("postgresql")).hasSize(3);
    }

    /** t43-1: the {@code retort:} prefix in any case, as the key already was: not a comment that runs the downgrade. */
    @Test
    void thePrefixIsReadInAnyCase() throws Exception {
        write("a1.sql", "-- retort:revision a1\n-- retort:upgrade\nSELECT 1;\n");
        write("a2.sql", """
                -- Retort:revision a2
                -- RETORT:REVISES a1
                -- Retort:Transactional FALSE

                -- Retort:upgrade
                ALTER TABLE item ADD COLUMN sku TEXT;

                -- RETORT:DOWNGRADE
                ALTER TABLE item DROP COLUMN sku;
                """);
        ScriptDirectory scripts = load();
        assertThat(scripts.script("a2").header().revises()).containsExactly("a1");
        SqlMigration m = (SqlMigration) scripts.migration("a2");
        assertThat(m.upgradeStatements("sqlite")).containsExactly("ALTER TABLE item ADD COLUMN sku TEXT");
        assertThat(m.downgradeStatements("sqlite")).containsExactly("ALTER TABLE item DROP COLUMN sku");
    }

    /** A file in another encoding: one line naming it (was "java.io.UncheckedIOException: cannot read ..."). */
    @Test
    void aFileThatIsNotUtf8IsOneClearError() throws Exception {
        Path f = versions().resolve("latin1.sql");
        Files.write(f, "-- retort:revision d1\n-- retort:message caf\u00e9\n-- retort:upgrade\nSELECT 1;\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(this::load)
                .isInstanceOf(RetortException.class)
                .hasMessage("Cannot read " + f.toAbsolutePath() + ": not valid UTF-8 at line 2 (byte 44: E9); save it as UTF-8");
    }

    /** t15-7: UTF-16 (Windows PowerShell's '>') is named by its byte order mark; a NUL byte by its line. */
    @Test
    void utf16AndNulBytesAreNamed() throws Exception {
        Path f = versions().resolve("u16.sql");
        Files.write(f, "-- retort:revision u16\n-- retort:upgrade\nSELECT 1;\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertThatThrownBy(this::load).isInstanceOf(RetortException.class).hasMessage("Cannot read " + f.toAbsolutePath()
                + ": it is UTF-16 (byte order mark FE FF, as Windows PowerShell's '>' writes); save it as UTF-8");
        Files.delete(f);
        Path nul = versions().resolve("nul.sql");
        Files.writeString(nul, "-- retort:revision nul1\n-- retort:upgrade\nSELECT 1;\0\0\n");
        assertThatThrownBy(this::load).isInstanceOf(RetortException.class).hasMessage(nul.toAbsolutePath()
                + ":3: NUL byte; a revision file is text (is this one cut or zero-filled after a crash, or binary?)");
    }

    @Test
    void sqlHeaderEveryKey() throws Exception {
        write("m.sql", """
                -- A comment before the header is fine.
                /* so is a block
                   comment */
                --   retort:revision   mmmm1111
                -- retort:revises aaaa1111 ,bbbb2222
                -- retort:branch-labels feature_x, other
                -- retort:depends-on dddd1111
                -- retort:transactional false
                -- retort:upgrade
                CREATE INDEX CONCURRENTLY i ON t (a);
                """);
        write("base.sql", "-- retort:revision base1\n-- retort:revises\n-- retort:upgrade\nSELECT 1;\n");
        ScriptDirectory d = load();
        RevisionScript m = d.script("mmmm1111");
        assertThat(m.header().revises()).containsExactly("aaaa1111", "bbbb2222");
        assertThat(m.header().branchLabels()).containsExactly("feature_x", "other");
        assertThat(m.header().dependsOn()).containsExactly("dddd1111");
        assertThat(m.header().message()).isEmpty();
        assertThat(m.transactional()).isFalse();
        assertThat(d.script("base1").header().revises()).isEmpty();
        assertThat(d.scripts()).extracting(RevisionScript::id).containsExactly("base1", "mmmm1111");
    }

    @Test
    void sqlMigrationRunsEachStatementAndKnowsReversibility() throws Exception {
        write("a.sql", """
                -- retort:revision aaaa1111
                -- retort:upgrade
                CREATE TABLE t (a TEXT DEFAULT 'x;y');
                -- a comment; not a statement
                INSERT INTO t VALUES ('1');
                -- retort:downgrade
                DROP TABLE t;
                """);
        write("b.sql", "-- retort:revision bbbb1111\n-- retort:revises aaaa1111\n-- retort:upgrade\nDELETE FROM t;\n");
        ScriptDirectory d = load();
        Migration a = d.migration("aaaa1111");
        RecordingOps up = new RecordingOps("sqlite");
        a.upgrade(up.ops);
        assertThat(up.executed).containsExactly("CREATE TABLE t (a TEXT DEFAULT 'x;y')", "INSERT INTO t VALUES ('1')");
        RecordingOps down = new RecordingOps("sqlite");
        a.downgrade(down.ops);
        assertThat(down.executed).containsExactly("DROP TABLE t");
        assertThat(a.isReversible()).isTrue();
        Migration b = d.migration("bbbb1111");
        assertThat(b.isReversible()).isFalse();
        assertThatThrownBy(() -> b.downgrade(new RecordingOps("sqlite").ops))
                .isInstanceOf(IrreversibleMigrationException.class).hasMessageContaining("bbbb1111");
    }

    @Test
    void sqlMigrationOnMariadbHonoursDelimiter() throws Exception {
        write("t.sql", """
                -- retort:revision trg1
                -- retort:upgrade
                DELIMITER //
                CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 'x\\'; '; END//
                DELIMITER ;
                SELECT 1;
                """);
        RecordingOps ops = new RecordingOps("mariadb");
        load().migration("trg1").upgrade(ops.ops);
        assertThat(ops.executed).containsExactly(
                "CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 'x\\'; '; END", "SELECT 1");
    }

    private void assertSqlError(String text, String expected) throws IOException {
        Path f = write("bad.sql", text);
        assertThatThrownBy(this::load).isInstanceOf(RetortException.class)
                .hasMessage(expected.replace("FILE", f.toAbsolutePath().toString()));
    }

    /** t13-12: a SQL revision saved as .SQL (Windows tools) is read as one, not skipped; .sql.bak and .txt are. */
    @Test
    void upperCaseSqlExtensionIsARevision() throws Exception {
        write("h1.sql", "-- retort:revision h1\n-- retort:upgrade\nSELECT 1;\n");
        write("UP1.SQL", "-- retort:revision up1\n-- retort:revises h1\n-- retort:upgrade\nSELECT 2;\n");
        write("up2.Sql", "-- retort:revision up2\n-- retort:revises up1\n-- retort:upgrade\nSELECT 3;\n");
        write("old.sql.bak", "not a revision");
        write("notes.txt", "not a revision");
        ScriptDirectory scripts = load();
        assertThat(scripts.graph().heads()).extracting(dev.retort.graph.RevisionHeader::id).containsExactly("up2");
        assertThat(scripts.script("up1").kind()).isEqualTo(RevisionScript.Kind.SQL);
        assertThat(((SqlMigration) scripts.migration("up1")).upgradeStatements("sqlite")).containsExactly("SELECT 2");
        assertThat(ScriptDirectory.isSqlFile("x.sql")).isTrue();
        assertThat(ScriptDirectory.isSqlFile("sql")).isFalse();
        assertThat(ScriptDirectory.isSqlFile("x.sqlx")).isFalse();
    }

    @Test
    void malformedSqlHeaders() throws IOException {
        assertSqlError("-- retort:message no id\n-- retort:upgrade\nSELECT 1;\n",
                "FILE: missing '-- retort:revision ID' header");
        assertSqlError("-- retort:revision a1\n-- retort:revises b1 c1\n-- retort:upgrade\nSELECT 1;\n",
                "FILE:2: bad '-- retort:revises' value 'b1 c1': expected revision ids separated by commas, e.g. 'ae1027a6acf1, 1975ea83b712'");
        assertSqlError("-- retort:revision a1\n-- retort:revises b1,,c1\n-- retort:upgrade\n",
                "FILE:2: bad '-- retort:revises' value 'b1,,c1': expected revision ids separated by commas, e.g. 'ae1027a6acf1, 1975ea83b712'");
        // t13-9: a refused label says why, with a label as the example
        assertSqlError("-- retort:revision a1\n-- retort:branch-labels a3-1\n-- retort:upgrade\n",
                "FILE:2: bad '-- retort:branch-labels' value 'a3-1': label 'a3-1': it ends in '-' and digits and would read"
                        + " as a relative target (the revision before a3); e.g. 'feature_x, v2.0'");
        assertSqlError("-- retort:revision a1\n-- retort:branch-labels ok, it's\n-- retort:upgrade\n",
                "FILE:2: bad '-- retort:branch-labels' value 'ok, it's': label 'it's': ''' is not allowed in a label (no"
                        + " spaces, commas, quotes, backslashes, '@' or ':'); e.g. 'feature_x, v2.0'");
        assertSqlError("-- retort:revision a1\n-- retort:depends-on 'q'\n-- retort:upgrade\n",
                "FILE:2: bad '-- retort:depends-on' value ''q'': entry ''q'': ''' is not allowed in a label (no"
                        + " spaces, commas, quotes, backslashes, '@' or ':'); e.g. 'ae1027a6acf1, feature_x'");
        assertSqlError("-- retort:revision a1\n-- retort:branch-labels x,,y\n-- retort:upgrade\n",
                "FILE:2: bad '-- retort:branch-labels' value 'x,,y': expected labels separated by commas, e.g. 'feature_x, v2.0'");
        assertSqlError("-- retort:revision a1\n-- retort:author me\n-- retort:upgrade\n",
                "FILE:2: unknown header key 'retort:author' (expected revision, revises, message, created, branch-labels, depends-on, transactional, upgrade, downgrade)");
        assertSqlError("-- retort:revision a1\n-- retort:upgrade\nSELECT 1;\n-- retort:upgrade\nSELECT 2;\n",
                "FILE:4: a second '-- retort:upgrade' section (the first is on line 2)");
        assertSqlError("-- retort:revision a1\n-- retort:upgrade\n-- retort:downgrade\n-- retort:downgrade\n",
                "FILE:4: a second '-- retort:downgrade' section (the first is on line 3)");
        // t2-11: the marker's own line, also after blank lines
        assertSqlError("-- retort:revision b4\n\n-- retort:upgrade\n-- retort:upgrade\n",
                "FILE:4: a second '-- retort:upgrade' section (the first is on line 3)");
        assertSqlError("-- retort:revision a1\n-- retort:downgrade\nSELECT 1;\n",
                "FILE:2: '-- retort:downgrade' before '-- retort:upgrade'; the upgrade section comes first");
        assertSqlError("-- retort:revision a1\nSELECT 1;\n-- retort:upgrade\n",
                "FILE:2: SQL before '-- retort:upgrade'; statements belong in the upgrade or downgrade section");
        assertSqlError("-- retort:revision a1\n", "FILE: missing '-- retort:upgrade' section");
        assertSqlError("-- retort:revision a-1\n-- retort:upgrade\n",
                "FILE:1: invalid revision id 'a-1' (letters, digits and underscores only; '@', '-', '+', ':' are used by the target grammar)");
        assertSqlError("-- retort:revision a1\n-- retort:revision a2\n-- retort:upgrade\n",
                "FILE:2: header '-- retort:revision' given twice (first on line 1)");
        assertSqlError("-- retort:revision a1\n-- retort:upgrade\n-- retort:message late\n",
                "FILE:3: header '-- retort:message' inside the upgrade section; header lines go before '-- retort:upgrade'");
        assertSqlError("-- retort:revision a1\n-- retort:transactional maybe\n-- retort:upgrade\n",
                "FILE:2: '-- retort:transactional' must be true or false, not 'maybe'");
        // t43-5: the value lost in an edit is no 'true'
        assertSqlError("-- retort:revision a1\n-- retort:transactional\n-- retort:upgrade\n",
                "FILE:2: '-- retort:transactional' must be true or false, not ''");
        assertSqlError("-- retort:revision a1\n-- retort:transactional  \t\n-- retort:upgrade\n",
                "FILE:2: '-- retort:transactional' must be true or false, not ''");
        // t43-1: a marker or header that is no directive, read as a comment, would put statements in the wrong section
        assertSqlError("-- retort:revision a1\n-- retort:upgrade\nSELECT 1;\n--- retort:downgrade\nSELECT 2;\n",
                "FILE:4: '--- retort:downgrade' is not a Retort header or section line, but looks like one; write it as"
                        + " '-- retort:KEY value' (two dashes, on a line of its own), or reword the comment");
        assertSqlError("-- retort:revision a1\n-- retort:upgrade\nSELECT 1;\n/* Retort:downgrade */\nSELECT 2;\n",
                "FILE:4: '/* Retort:downgrade */' is not a Retort header or section line, but looks like one; write it as"
                        + " '-- retort:KEY value' (two dashes, on a line of its own), or reword the comment");
        assertSqlError("-- retort:revision a1\n# retort:revises a0\n-- retort:upgrade\n",
                "FILE:2: '# retort:revises a0' is not a Retort header or section line, but looks like one; write it as"
                        + " '-- retort:KEY value' (two dashes, on a line of its own), or reword the comment");
    }

    /**
     * t81-3: a marker written after SQL on its line (or in a block comment after SQL), a marker without its colon, and
     * one with a no-break space, each read as a comment before, ran the downgrade's statements in the upgrade: refused
     * with the file, line and what to write, when the file is read for its header and when it is read to run. Comments
     * that mention retort, and marker-like text in strings, stay.
     */
    @Test
    void markersAfterSqlOrMisspeltAreRefused() throws IOException {
        String head = "-- retort:revision a1\n-- retort:upgrade\nCREATE TABLE t (a INT);\n";
        String afterSql = "FILE:3: 'CREATE TABLE t (a INT); -- retort:downgrade' holds '-- retort:downgrade' after SQL:"
                + " a Retort header or section line must be a line of its own, and after SQL it would be read as a comment"
                + " (the statements after it would run in the wrong section); write '-- retort:downgrade' on a line of"
                + " its own, or reword the comment";
        assertBothSqlErrors("-- retort:revision a1\n-- retort:upgrade\nCREATE TABLE t (a INT); -- retort:downgrade\n"
                + "DROP TABLE t;\n", afterSql);
        assertBothSqlErrors("-- retort:revision a1\n-- retort:upgrade\nCREATE TABLE t (a INT); /* Retort:Downgrade */\n"
                + "DROP TABLE t;\n", "FILE:3: 'CREATE TABLE t (a INT); /* Retort:Downgrade */' holds"
                + " '/* Retort:Downgrade */' after SQL: a Retort header or section line must be a line of its own, and"
                + " after SQL it would be read as a comment (the statements after it would run in the wrong section);"
                + " write '-- retort:downgrade' on a line of its own, or reword the comment");
        assertBothSqlErrors("-- retort:revision a1\n-- retort:upgrade\nCREATE TABLE t (a INT);\n-- retort:downgrade\n"
                + "DROP TABLE t; # retort:upgrade\n", "FILE:5: 'DROP TABLE t; # retort:upgrade' holds '# retort:upgrade'"
                + " after SQL: a Retort header or section line must be a line of its own, and after SQL it would be read as"
                + " a comment (the statements after it would run in the wrong section); write '-- retort:upgrade' on a line"
                + " of its own, or reword the comment");
        String misspelt = "' is not a Retort header or section line, but looks like one; write it as '-- retort:KEY value'"
                + " (two dashes, on a line of its own), or reword the comment";
        assertBothSqlErrors(head + "-- retort downgrade\nDROP TABLE t;\n", "FILE:4: '-- retort downgrade" + misspelt);
        assertBothSqlErrors(head + "-- Retort-Downgrade\nDROP TABLE t;\n", "FILE:4: '-- Retort-Downgrade" + misspelt);
        assertBothSqlErrors(head + "/* retort downgrade */\nDROP TABLE t;\n", "FILE:4: '/* retort downgrade */" + misspelt);
        String nbsp = " (\\u00a0 is a no-break space, which Retort does not read as a blank: write a plain space)";
        assertBothSqlErrors(head + "--\u00a0retort:downgrade\nDROP TABLE t;\n",
                "FILE:4: '--\\u00a0retort:downgrade" + misspelt + nbsp);
        assertBothSqlErrors(head + "-- retort\u00a0:downgrade\nDROP TABLE t;\n",
                "FILE:4: '-- retort\\u00a0:downgrade" + misspelt + nbsp);
        assertBothSqlErrors(head + "-- retort:downgrade\u00a0\nDROP TABLE t;\n",
                "FILE:4: unknown header key 'retort:downgrade\\u00a0' (expected revision, revises, message, created,"
                        + " branch-labels, depends-on, transactional, upgrade, downgrade)" + nbsp);
        // comments that mention retort, marker-like text in a string or after a comment, and generated notes stay
        String fine = head + "INSERT INTO t VALUES (1); -- retort will record this\n"
                + "INSERT INTO t VALUES (2); -- see retort downgrade notes\n"
                + "SELECT '-- retort:downgrade', 'x /* retort:upgrade */'; -- Retort: alter column t.a changes the type\n"
                + "SELECT 1 /* a note */; -- fine -- retort:downgrade\n"
                + "SELECT 'a\n-- retort:downgrade\nb; -- retort:downgrade';\n"
                + "-- retort:downgrade\nDROP TABLE t; -- the retort: table stays\n";
        Files.delete(versions().resolve("bad.sql"));
        Path f = write("fine.sql", fine);
        assertThat(load().script("a1").id()).isEqualTo("a1");
        SqlRevisionParser.SqlRevision r = SqlRevisionParser.parse(fine, f.toString());
        assertThat(r.downgradeSql()).isEqualTo("DROP TABLE t; -- the retort: table stays\n");
    }

    /** As {@link #assertSqlError}, and the same message when the text is read whole to be run. */
    private void assertBothSqlErrors(String text, String expected) throws IOException {
        assertSqlError(text, expected);
        assertThatThrownBy(() -> SqlRevisionParser.parse(text, "FILE")).isInstanceOf(RetortException.class)
                .hasMessage(expected);
    }

    @Test
    void javaHeaderOfTheSpec() throws IOException {
        Path f = write("20260122_1030_ae1027a6acf1_add_account_table.java", """
                import dev.retort.migration.*;

                @Revision(id = "ae1027a6acf1", revises = "1975ea83b712",
                          message = "add account table", created = "2026-01-22T10:30:00Z")
                class AddAccountTable extends Migration {
                    @Override public void upgrade(Operations op) {
                        op.execute("CREATE TABLE account (id INTEGER PRIMARY KEY)");
                    }
                }
                """);
        ScriptDirectory d = load();
        RevisionScript s = d.script("ae1027a6acf1");
        assertThat(s.kind()).isEqualTo(RevisionScript.Kind.JAVA);
        assertThat(s.header()).isEqualTo(new RevisionHeader("ae1027a6acf1", List.of("1975ea83b712"), List.of(), List.of(),
                "add account table", "2026-01-22T10:30:00Z", f.toAbsolutePath().toString()));
        assertThat(d.javaClassName("ae1027a6acf1")).isEqualTo("AddAccountTable");
    }

    @Test
    void javaHeaderForms() throws IOException {
        write("a.java", """
                // @Revision(id = "commented") in a comment does not count
                import dev.retort.migration.*;
                /* neither does @Revision(id = "block") */
                @SuppressWarnings("unused")
                @dev.retort.migration.Revision(
                    revises = {},            // a base
                    id /* the id */ = "base0001",
                    branchLabels = {"core"},
                    message = "say \\"hi\\" \\u00e9",
                    transactional = false)
                final class Base extends Migration { public void upgrade(Operations op) {} }
                """);
        write("sub/dir/m.java", """
                import dev.retort.migration.Migration; import dev.retort.migration.Operations; import dev.retort.migration.Revision;
                @Revision(id="merge001",revises={ "base0001" ,
                   "other001", },dependsOn="dep00001")
                public class Merge extends Migration { public void upgrade(Operations op) { String s = "@Revision(id=\\"x\\")"; } }
                """);
        // braces before the revision's class (a helper type, an annotation's array) close before it
        write("c.java", """
                import dev.retort.migration.*;
                class Helper { static final char OPEN = '{'; String s = "{"; /* { */ }
                @SuppressWarnings({"unused"})
                @Revision(id = "top00001")
                class Top extends Migration { public void upgrade(Operations op) { } }
                """);
        ScriptDirectory d = load();
        RevisionScript base = d.script("base0001");
        assertThat(base.header().revises()).isEmpty();
        assertThat(base.header().branchLabels()).containsExactly("core");
        assertThat(base.header().message()).isEqualTo("say \"hi\" é");
        assertThat(base.transactional()).isFalse();
        assertThat(d.javaClassName("base0001")).isEqualTo("Base");
        RevisionScript merge = d.script("merge001");
        assertThat(merge.header().revises()).containsExactly("base0001", "other001");
        assertThat(merge.header().dependsOn()).containsExactly("dep00001");
        assertThat(d.javaClassName("merge001")).isEqualTo("Merge");
        assertThat(d.javaClassName("top00001")).isEqualTo("Top");
    }

    private void assertJavaError(String text, String expected) throws IOException {
        Path f = write("Bad.java", text);
        assertThatThrownBy(this::load).isInstanceOf(RetortException.class)
                .hasMessage(expected.replace("FILE", f.toAbsolutePath().toString()));
    }

    @Test
    void malformedJavaHeaders() throws IOException {
        assertJavaError("class Helper {}\n",
                "FILE: no @Revision annotation; every .java file in a version location must be a revision "
                        + "(@Revision(id = \"...\", revises = ...) on a class extending Migration)");
        assertJavaError("\n@Revision(revises = {})\nclass A extends Migration {}\n", "FILE:2: @Revision has no id");
        assertJavaError("@Revision(id = \"a1\", revises = a2)\nclass A {}\n",
                "FILE:1: 'revises' in @Revision must be a string or {\"a\", \"b\"}, not 'a2'");
        assertJavaError("@Revision(id = \"a1\", revises = {\"a2\" \"a3\"})\nclass A {}\n",
                "FILE:1: expected ',' or '}' in 'revises' of @Revision");
        assertJavaError("@Revision(id = \"a1\",\n  author = \"me\")\nclass A {}\n",
                "FILE:2: unknown @Revision element 'author' (expected id, revises, message, created, branchLabels, dependsOn, transactional)");
        assertJavaError("@Revision(id = \"a\" + \"1\")\nclass A {}\n",
                "FILE:1: 'id' in @Revision must be a single string literal (no +)");
        assertJavaError("@Revision(id = \"a1\")\n", "FILE:1: no class declaration after @Revision");
        assertJavaError("@Revision(id = \"a1\", id = \"a2\")\nclass A {}\n", "FILE:1: @Revision element 'id' given twice");
        // t29-2: the second revision of a file was left out of the graph without a word
        assertJavaError("""
                import dev.retort.migration.*;
                @Revision(id = "b2", message = "first")
                class B2 extends Migration { public void upgrade(Operations op) { } }
                /* @Revision(id = "b9") in a comment does not count */
                @Revision(id = "b3", revises = "b2", message = "second")
                class B3 extends Migration { public void upgrade(Operations op) { } }
                """, "FILE:5: a second @Revision class, B3, beside class B2 (line 2); each revision needs a file of its own:"
                + " move B3 to another file");
        // t29-6: accepted by every read-only command, then not found by its name when run
        assertJavaError("""
                import dev.retort.migration.*;
                class Holder {
                    String brace = "}"; char c = '}'; // }
                    @Revision(id = "ad0000000001", message = "nested")
                    static class N1 extends Migration { public void upgrade(Operations op) { } }
                }
                """, "FILE:4: @Revision class N1 is nested in another type; a revision's class must be a top-level class"
                + " of its file: move it out");
    }

    @Test
    void manyFilesReadInParallelReportEveryBadFileInPathOrder() throws IOException {
        for (int i = 0; i < 200; i++) {
            write(String.format("f%03d.sql", i), "-- retort:revision r" + i + "\n-- retort:upgrade\nSELECT 1;\n");
        }
        assertThat(load().scripts()).hasSize(200).first().extracting(RevisionScript::id).isEqualTo("r0");
        Path first = write("f050x.sql", "-- retort:upgrade\n");
        Path second = write("f150x.sql", "-- retort:upgrade\n");
        for (int k = 0; k < 5; k++) {
            assertThatThrownBy(this::load).hasMessage(first.toAbsolutePath() + ": missing '-- retort:revision ID' header\n"
                    + second.toAbsolutePath() + ": missing '-- retort:revision ID' header");
        }
    }

    @Test
    void whichFilesAreRevisions() throws IOException {
        write("a.sql", "-- retort:revision aaaa0001\n-- retort:upgrade\nSELECT 1;\n");
        write("nested/deeper/b.sql", "-- retort:revision bbbb0001\n-- retort:upgrade\nSELECT 1;\n");
        write(".c.sql", "garbage: a dot-file (editor backup)");
        write(".git/d.sql", "garbage: inside a dot-folder");
        write("notes.txt", "not a revision");
        write("README.md", "not a revision");
        Path target = write("elsewhere.sqlx", "-- retort:revision eeee0001\n-- retort:upgrade\nSELECT 1;\n");
        Files.createSymbolicLink(versions().resolve("linked.sql"), target);
        Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/f.sql"), "-- retort:revision ffff0001\n-- retort:upgrade\nSELECT 1;\n");
        Files.createSymbolicLink(versions().resolve("linked-dir"), dir.resolve("outside")); // folders are not followed
        assertThat(load().scripts()).extracting(RevisionScript::id)
                .containsExactly("aaaa0001", "eeee0001", "bbbb0001");
        assertThat(load().script("eeee0001").path()).isEqualTo(versions().resolve("linked.sql").toAbsolutePath());
    }

    /** t15-2: a link named as a revision whose target is missing (a submodule not checked out) is named, not skipped. */
    @Test
    void aDanglingLinkedRevisionIsAnUnreadableFile() throws IOException {
        write("a1.sql", "-- retort:revision a1\n-- retort:upgrade\nSELECT 1;\n");
        Path missing = dir.resolve("shared-migrations/b1.sql");
        Path link = Files.createSymbolicLink(versions().resolve("b1.sql"), missing);
        assertThatThrownBy(this::load).hasMessage("Cannot read " + link.toAbsolutePath() + " (a symbolic link to " + missing
                + "): no such file or directory (" + link.toAbsolutePath() + ")");
    }

    /** r10-4: a link to a folder leading nowhere (a submodule not checked out) is warned about, not passed over silently. */
    @Test
    void aDanglingLinkToAFolderIsWarnedAbout() throws Exception {
        write("a1.sql", "-- retort:revision a1\n-- retort:upgrade\nSELECT 1;\n");
        Path missing = dir.resolve("shared-schema/versions");
        Path link = Files.createSymbolicLink(versions().resolve("shared"), missing);
        String err = dev.retort.testing.Stderr.of(this::load);
        assertThat(err).contains(link.toAbsolutePath() + " is a symbolic link to " + missing + ", which does not exist");
    }

    /** t15-5: a version location that is a file is not said to be missing. */
    @Test
    void aVersionLocationThatIsAFileIsNamedSo() throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/versions"), "");
        assertThatThrownBy(this::load).hasMessage("Version location " + dir.resolve("migrations/versions") + " is not a folder");
        Files.delete(dir.resolve("migrations/versions"));
        assertThatThrownBy(this::load).hasMessage("Version location " + dir.resolve("migrations/versions") + " does not exist");
    }

    /** t15-5: a folder above the location that the user may not enter is a permission problem, not a missing folder. */
    @Test
    void aVersionLocationBehindAnUnreadableFolderSaysPermissionDenied() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root ignores permissions");
        versions();
        Path parent = dir.resolve("migrations");
        Files.setPosixFilePermissions(parent, java.util.Set.of());
        try {
            assertThatThrownBy(this::load).hasMessageStartingWith("Cannot list " + dir.resolve("migrations/versions")
                    + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void duplicateIdsNameBothFiles() throws IOException {
        Path a = write("a.sql", "-- retort:revision same1\n-- retort:upgrade\n");
        Path b = write("b.java", "@Revision(id = \"same1\") class B {}");
        assertThatThrownBy(this::load).hasMessage("Revision same1 is present more than once (files: "
                + a.toAbsolutePath() + ", " + b.toAbsolutePath() + ")");
    }

    @Test
    void everyBrokenFileIsReportedInOneRun() throws IOException {
        Path garbage = write("garbage.sql", "garbage\n-- retort:revision g1\n-- retort:upgrade\n");
        Path bogus = write("sub/bogus.sql", "-- retort:revision b1\n-- retort:bogus x\n-- retort:upgrade\n");
        write("good.sql", "-- retort:revision ok01\n-- retort:upgrade\n");
        assertThatThrownBy(this::load).isInstanceOf(RetortException.class).hasMessage(garbage.toAbsolutePath()
                + ":1: SQL before '-- retort:upgrade'; statements belong in the upgrade or downgrade section\n"
                + bogus.toAbsolutePath() + ":2: unknown header key 'retort:bogus' (expected revision, revises, message, "
                + "created, branch-labels, depends-on, transactional, upgrade, downgrade)");
    }

    @Test
    void duplicateIdsAreReportedWithTheGraphsOtherProblems() throws IOException {
        Path a = write("a.sql", "-- retort:revision same1\n-- retort:upgrade\n");
        Path b = write("b.sql", "-- retort:revision same1\n-- retort:upgrade\n");
        Path c = write("c.sql", "-- retort:revision cc01\n-- retort:depends-on nope\n-- retort:upgrade\n");
        assertThatThrownBy(this::load).hasMessage("Revision same1 is present more than once (files: "
                + a.toAbsolutePath() + ", " + b.toAbsolutePath() + ")\n"
                + "Revision nope referenced from cc01 is not present (file: " + c.toAbsolutePath() + ")");
    }

    @Test
    void missingVersionLocationAndUnknownRevision() throws IOException {
        assertThatThrownBy(this::load).hasMessage("Version location " + dir.resolve("migrations/versions") + " does not exist");
        versions();
        Files.writeString(versions().resolve("README"), "not a revision");
        Files.createDirectories(versions().resolve(".hidden"));
        Files.writeString(versions().resolve(".hidden/x.sql"), "garbage");
        ScriptDirectory d = load();
        assertThat(d.scripts()).isEmpty();
        assertThatThrownBy(() -> d.script("nope")).hasMessage("Can't locate revision identified by 'nope'");
    }
}
