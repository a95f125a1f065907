package dev.retort.cli.commands;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden output of upgrade, downgrade, stamp, current and check on a small branch-and-merge project. */
class RunCommandsIT {
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.runNoColor(dir.resolve("retort.toml"), args);
    }

    @BeforeEach
    void project() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///data/app.db"
                """);
        Path v = Files.createDirectories(dir.resolve("migrations/versions"));
        rev(v, "aaaa00000001", "", "", "create account", "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50))",
                "DROP TABLE account");
        rev(v, "bbbb00000002", "aaaa00000001", "", "add invoice", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)",
                "DROP TABLE invoice");
        rev(v, "cccc00000003", "aaaa00000001", "audit", "audit log", "CREATE TABLE audit (id INTEGER PRIMARY KEY)",
                "DROP TABLE audit");
        rev(v, "dddd00000004", "bbbb00000002, cccc00000003", "", "merge", "INSERT INTO account (id, name) VALUES (1, 'o''neil')",
                "DELETE FROM account WHERE id = 1");
    }

    private static void rev(Path v, String id, String revises, String labels, String msg, String up, String down) throws IOException {
        Files.writeString(v.resolve(id + ".sql"), "-- retort:revision " + id + "\n"
                + (revises.isEmpty() ? "" : "-- retort:revises " + revises + "\n")
                + (labels.isEmpty() ? "" : "-- retort:branch-labels " + labels + "\n")
                + "-- retort:message " + msg + "\n\n-- retort:upgrade\n" + up + ";\n\n-- retort:downgrade\n" + down + ";\n");
    }

    private static String logLines(String err) {
        return err.lines().map(l -> l.replaceAll(" \\(\\d+ ms\\)$", " (N ms)")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void currentOnAFreshProjectPrintsNothingAndCreatesNothing() {
        CliRun r = run("current");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(run("--json", "current").out()).isEqualToIgnoringWhitespace("{\"revisions\": []}");
    }

    @Test
    void dryRunJsonHasTheSpecShapeAndChangesNothing() {
        CliRun r = run("--json", "upgrade", "heads", "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualToIgnoringWhitespace("""
                {"direction": "upgrade", "steps": [
                  {"revision": "aaaa00000001", "from": [], "to": ["aaaa00000001"], "message": "create account"},
                  {"revision": "bbbb00000002", "from": ["aaaa00000001"], "to": ["bbbb00000002"], "message": "add invoice"},
                  {"revision": "cccc00000003", "from": ["bbbb00000002"], "to": ["bbbb00000002", "cccc00000003"], "message": "audit log"},
                  {"revision": "dddd00000004", "from": ["bbbb00000002", "cccc00000003"], "to": ["dddd00000004"], "message": "merge"}
                ]}""");
        assertThat(run("current").out()).isEmpty();
    }

    @Test
    void upgradeLogsOneAlembicLinePerStepThenCurrentAndCheck() {
        assertThat(run("--json", "stamp", "bbbb00000002").exit()).isZero();
        CliRun pendingJson = run("--json", "check");
        assertThat(pendingJson.exit()).isEqualTo(1);
        assertThat(pendingJson.out()).isEqualToIgnoringWhitespace("{\"up_to_date\": false, \"pending\": ["
                + "{\"revision\": \"cccc00000003\", \"message\": \"audit log\"}, "
                + "{\"revision\": \"dddd00000004\", \"message\": \"merge\"}], \"drift\": null, \"edited\": []}");
        CliRun purgeToBase = run("stamp", "--purge", "base");
        assertThat(purgeToBase.exit()).as(purgeToBase.err()).isZero();
        assertThat(purgeToBase.err()).contains("INFO  [retort] Purged the version table retort_version (it held bbbb00000002)")
                .doesNotContain("Nothing to do");
        CliRun check = run("check");
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).isEqualTo("""
                Target database is not up to date: 4 revision(s) pending:
                  aaaa00000001, create account
                  bbbb00000002, add invoice
                  cccc00000003, audit log
                  dddd00000004, merge
                """);

        CliRun up = run("upgrade");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out()).isEmpty();
        assertThat(logLines(up.err())).isEqualTo("""
                INFO  [retort] Running upgrade  -> aaaa00000001, create account (N ms)
                INFO  [retort] Running upgrade aaaa00000001 -> bbbb00000002, add invoice (N ms)
                INFO  [retort] Running upgrade aaaa00000001 -> cccc00000003, audit log (N ms)
                INFO  [retort] Running upgrade bbbb00000002, cccc00000003 -> dddd00000004, merge (N ms)
                """);
        assertThat(run("current").out()).isEqualTo("dddd00000004 (head) (mergepoint)\n");
        assertThat(run("-v", "current").out()).startsWith("Current revision(s) for sqlite:///data/app.db:\n"
                + "Rev: dddd00000004 (head) (mergepoint)\nMerges: bbbb00000002, cccc00000003\nBranch names: audit\nPath: "
                + dir.resolve("migrations/versions/dddd00000004.sql").toAbsolutePath() + "\n\n    merge\n");
        assertThat(run("check")).isEqualTo(new CliRun(0, "No pending revisions: the database is at dddd00000004; "
                + "no drift check (no target_metadata configured).\n", ""));
        assertThat(run("--json", "check").out()).isEqualToIgnoringWhitespace(
                "{\"up_to_date\": true, \"pending\": [], \"drift\": null, \"edited\": []}");
        CliRun again = run("upgrade");
        assertThat(again.err()).isEqualTo("INFO  [retort] Nothing to do: the database is at dddd00000004.\n");

        CliRun toBranchPoint = run("downgrade", "aaaa00000001");
        assertThat(toBranchPoint.exit()).as(toBranchPoint.err()).isZero();
        assertThat(run("current").out()).isEqualTo("aaaa00000001 (branchpoint)\n");
        assertThat(run("upgrade", "heads").exit()).isZero();

        CliRun down = run("downgrade", "audit@base");
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(logLines(down.err())).isEqualTo("""
                INFO  [retort] Running downgrade dddd00000004 -> bbbb00000002, cccc00000003, merge (N ms)
                INFO  [retort] Running downgrade cccc00000003 -> aaaa00000001, audit log (N ms)
                """);
        assertThat(run("current").out()).isEqualTo("bbbb00000002\n");
    }

    @Test
    void stampAndPurge() throws Exception {
        CliRun s = run("stamp", "bbbb00000002");
        assertThat(s.exit()).as(s.err()).isZero();
        assertThat(logLines(s.err())).isEqualTo("INFO  [retort] Running stamp_revision  -> bbbb00000002 (N ms)\n");
        assertThat(run("current").out()).isEqualTo("bbbb00000002\n");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/app.db"));
             Statement st = c.createStatement()) {
            st.execute("UPDATE retort_version SET version_num = 'eeee99999999'");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'account'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("stamp runs no migration").isZero();
            }
        }
        CliRun unknown = run("upgrade");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("FAILED: Can't locate revision identified by 'eeee99999999'. ")
                .contains("ahead of these scripts");
        // current fails with the same message (as Alembic's does), so that its exit code tells a script (t12-4)
        CliRun current = run("current");
        assertThat(current.exit()).isEqualTo(1);
        assertThat(current.out()).isEmpty();
        assertThat(current.err()).isEqualTo(unknown.err());
        CliRun history = run("history", "-i");
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.err()).startsWith("WARN  [retort] Can't locate revision identified by 'eeee99999999': ");
        assertThat(history.out()).doesNotContain("(current)");
        CliRun purge = run("stamp", "--purge", "heads");
        assertThat(purge.exit()).as(purge.err()).isZero();
        assertThat(run("current").out()).isEqualTo("dddd00000004 (head) (mergepoint)\n");
    }

    /**
     * t16-3: a revision moved below one that already ran (a branch rebased after a merge, instead of a merge
     * revision) is never run by upgrade; check says so, from the history, and fails.
     */
    @Test
    void checkNamesARevisionBelowTheRowsThatNeverRan() throws Exception {
        assertThat(run("upgrade", "bbbb00000002").exit()).isZero();
        Path v = dir.resolve("migrations/versions");
        rev(v, "bbbb00000002", "cccc00000003", "", "add invoice", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)",
                "DROP TABLE invoice");
        rev(v, "dddd00000004", "bbbb00000002", "", "merge", "SELECT 1", "SELECT 1");
        assertThat(run("upgrade").err()).contains("Running upgrade bbbb00000002 -> dddd00000004");
        CliRun check = run("check");
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).startsWith("Target database is not up to date: 1 revision(s) lie below its version rows"
                + " but were never applied to it").contains("\n  cccc00000003, audit log\n");
        CliRun json = run("--json", "check");
        assertThat(json.exit()).isEqualTo(1);
        // the keys in the order of every check document, never_applied before edited (always last; bbbb00000002's
        // file was rewritten above)
        assertThat(json.out()).containsSubsequence("\"up_to_date\" : false", "\"pending\" : [ ]", "\"drift\" : null",
                "\"never_applied\" : [ {", "\"revision\" : \"cccc00000003\"", "\"edited\" : [ {",
                "\"revision\" : \"bbbb00000002\"");
        assertThat(check.out()).endsWith("record that with 'retort stamp --purge dddd00000004'.\n");
        // a database stamped there says nothing is missing: the stamp covers what lies below it
        assertThat(run("stamp", "--purge", "dddd00000004").exit()).isZero();
        assertThat(run("check").exit()).isZero();
    }

    /**
     * r8-3: a history that begins above the first revision (a database adopted from Alembic, a history table
     * renamed or emptied) counts the rows it began at as applied; r8-2: a history naming revisions the scripts no
     * longer have (squashed into a baseline below the kept ones) is not judged.
     */
    @Test
    void checkTrustsWhereTheHistoryBeganAndSkipsSquashedScripts() throws Exception {
        assertThat(run("upgrade", "aaaa00000001").exit()).isZero();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/app.db"));
             Statement st = c.createStatement()) {
            st.execute("DELETE FROM retort_history");
        }
        assertThat(run("upgrade", "heads").exit()).isZero();
        CliRun began = run("check");
        assertThat(began.exit()).as(began.out()).isZero();

        Path v = dir.resolve("migrations/versions");
        for (String id : List.of("aaaa00000001", "bbbb00000002", "cccc00000003")) Files.delete(v.resolve(id + ".sql"));
        rev(v, "eeee00000005", "", "", "baseline", "CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50))",
                "DROP TABLE account");
        rev(v, "dddd00000004", "eeee00000005", "", "merge", "INSERT INTO account (id, name) VALUES (1, 'o''neil')",
                "DELETE FROM account WHERE id = 1");
        CliRun squashed = run("check");
        assertThat(squashed.exit()).as(squashed.out() + squashed.err()).isZero();
    }

    /** t16-4: a redundant row (one below another, a hand edit) is refused by runs, and shown by current with why. */
    @Test
    void currentShowsARedundantRowWithAWarningWhereRunsRefuseIt() throws Exception {
        assertThat(run("upgrade", "bbbb00000002").exit()).isZero();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/app.db"));
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO retort_version (version_num) VALUES ('aaaa00000001')");
        }
        CliRun upgrade = run("upgrade");
        assertThat(upgrade.exit()).isEqualTo(1);
        assertThat(upgrade.err()).startsWith("FAILED: The version table holds aaaa00000001 and bbbb00000002, but aaaa00000001"
                + " is an ancestor of bbbb00000002");
        CliRun current = run("current");
        assertThat(current.exit()).as(current.err()).isZero();
        assertThat(current.out()).isEqualTo("aaaa00000001 (branchpoint)\nbbbb00000002\n");
        assertThat(current.err()).startsWith("WARN  [retort] The version table holds aaaa00000001 and bbbb00000002")
                .contains("'retort stamp --purge bbbb00000002'");
    }

    /**
     * t28-2: a row of a revision another row depends on is as redundant (the other row stands for it): runs and an
     * offline FROM refuse it, current warns; upgrade took it for a branch and recorded an unrelated revision as its
     * successor.
     */
    @Test
    void aDependencysRowBesideItsDependentsIsRefusedAsRedundant() throws Exception {
        Files.writeString(dir.resolve("migrations/versions/ffff00000006.sql"), "-- retort:revision ffff00000006\n"
                + "-- retort:depends-on aaaa00000001\n-- retort:message needs account\n\n-- retort:upgrade\n"
                + "CREATE TABLE needs (id INTEGER PRIMARY KEY);\n\n-- retort:downgrade\nDROP TABLE needs;\n");
        assertThat(run("upgrade", "ffff00000006").exit()).isZero();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/app.db"));
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO retort_version (version_num) VALUES ('aaaa00000001')");
        }
        CliRun upgrade = run("upgrade", "cccc00000003");
        assertThat(upgrade.exit()).isEqualTo(1);
        assertThat(upgrade.err()).startsWith("FAILED: The version table holds aaaa00000001 and ffff00000006, but aaaa00000001"
                + " is a dependency of ffff00000006: a row Retort never writes").contains("'retort stamp --purge ffff00000006'");
        CliRun current = run("current");
        assertThat(current.exit()).as(current.err()).isZero();
        assertThat(current.err()).startsWith("WARN  [retort] The version table holds aaaa00000001 and ffff00000006");
        CliRun offline = run("upgrade", "aaaa00000001,ffff00000006:cccc00000003", "--sql");
        assertThat(offline.exit()).isEqualTo(1);
        assertThat(offline.err()).endsWith("FAILED: FROM names aaaa00000001 and ffff00000006, but aaaa00000001 lies"
                + " below ffff00000006: list the database's version rows, as 'retort current' prints them\n");
    }

    @Test
    void stampTakesSeveralTargets() {
        CliRun dry = run("stamp", "bbbb00000002", "cccc00000003", "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("bbbb00000002").contains("cccc00000003");
        CliRun sql = run("stamp", "bbbb00000002", "cccc00000003", "--sql");
        assertThat(sql.exit()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("CREATE TABLE IF NOT EXISTS retort_version (",
                "INSERT INTO retort_version (version_num) VALUES ('bbbb00000002');",
                "INSERT INTO retort_version (version_num) VALUES ('cccc00000003');");
        CliRun twoStarts = run("stamp", "aaaa00000001:bbbb00000002", "bbbb00000002:cccc00000003", "--sql");
        assertThat(twoStarts.exit()).isEqualTo(1);
        assertThat(twoStarts.err()).endsWith(
                "FAILED: Stamp operation with --sql only supports a single starting revision at a time\n");
        CliRun s = run("stamp", "bbbb00000002", "cccc00000003");
        assertThat(s.exit()).as(s.err()).isZero();
        assertThat(run("current").out()).isEqualTo("bbbb00000002\ncccc00000003\n");
    }

    @Test
    void stampHeadWithSeveralHeadsUsesAlembicsStampWording() throws IOException {
        rev(dir.resolve("migrations/versions"), "eeee00000005", "aaaa00000001", "", "side branch",
                "CREATE TABLE side (id INTEGER PRIMARY KEY)", "DROP TABLE side");
        CliRun r = run("stamp", "head");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).endsWith("FAILED: Multiple heads are present; please specify a single target revision\n");
        assertThat(run("stamp", "head", "--sql").err()).endsWith(
                "FAILED: Multiple heads are present; please specify a single target revision\n");
    }

    @Test
    void tagGoesIntoTheHistoryForUpgradeDowngradeAndStamp() throws Exception {
        assertThat(run("upgrade", "bbbb00000002", "--tag", "release-1").exit()).isZero();
        assertThat(run("downgrade", "aaaa00000001", "--tag", "rollback-1").exit()).isZero();
        assertThat(run("stamp", "cccc00000003", "--tag", "hand-fix").exit()).isZero();
        assertThat(run("upgrade", "--sql", "--tag", "offline-1", "aaaa00000001").out()).contains("'offline-1'");
        List<String> tags = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/app.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT revision, tag FROM retort_history ORDER BY seq")) {
            while (rs.next()) tags.add(rs.getString(1) + "=" + rs.getString(2));
        }
        assertThat(tags).containsExactly("aaaa00000001=release-1", "bbbb00000002=release-1", "bbbb00000002=rollback-1",
                "cccc00000003=hand-fix");
    }

    /** The audit trail stays a chain through purges: from the rows purged, and a row for a purge to nothing. */
    @Test
    void stampPurgeRecordsWhatWasPurged() throws Exception {
        assertThat(run("stamp", "bbbb00000002", "cccc00000003").exit()).isZero();
        assertThat(run("stamp", "--purge", "dddd00000004").exit()).isZero();
        assertThat(run("stamp", "--purge", "base").exit()).isZero();
        List<String> rows = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/app.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT direction, from_revisions, to_revisions FROM retort_history ORDER BY seq")) {
            while (rs.next()) rows.add(rs.getString(1) + " [" + rs.getString(2) + "] -> [" + rs.getString(3) + "]");
        }
        assertThat(rows).endsWith("stamp [bbbb00000002, cccc00000003] -> [dddd00000004]", "stamp [dddd00000004] -> []");
        assertThat(run("stamp", "bbbb00000002", "cccc00000003").exit()).isZero();
        assertThat(run("--json", "stamp", "--purge", "dddd00000004", "--dry-run").out().replaceAll("\\s", ""))
                .contains("\"from\":[\"bbbb00000002\",\"cccc00000003\"],\"to\":[\"dddd00000004\"]");
    }

    /**
     * t50-3: after the purge, each step's line reads from the emptied table and names the revision it records,
     * in the dry run and in the run's log alike (from the purged rows, the stamp of bbbb read "cccc -> ").
     */
    @Test
    void aPurgesStepsReadFromTheEmptiedTable() throws Exception {
        assertThat(run("stamp", "bbbb00000002", "cccc00000003").exit()).isZero();
        CliRun dry = run("stamp", "--purge", "bbbb00000002", "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).isEqualTo("""
                Would purge the version table retort_version (it holds bbbb00000002, cccc00000003)
                Would run stamp_revision  -> bbbb00000002
                """);
        CliRun one = run("stamp", "--purge", "bbbb00000002");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(logLines(one.err())).isEqualTo("""
                INFO  [retort] Purged the version table retort_version (it held bbbb00000002, cccc00000003)
                INFO  [retort] Running stamp_revision  -> bbbb00000002 (N ms)
                """);
        CliRun two = run("stamp", "--purge", "bbbb00000002", "cccc00000003");
        assertThat(two.exit()).as(two.err()).isZero();
        assertThat(logLines(two.err())).isEqualTo("""
                INFO  [retort] Purged the version table retort_version (it held bbbb00000002)
                INFO  [retort] Running stamp_revision  -> bbbb00000002 (N ms)
                INFO  [retort] Running stamp_revision  -> cccc00000003 (N ms)
                """);
        assertThat(run("current").out()).contains("bbbb00000002").contains("cccc00000003");
    }

    /** A purge to base has no step, but the run empties the rows: its dry run says so instead of "Nothing to do". */
    @Test
    void dryRunOfAPurgeToBaseSaysWhatItWouldPurge() throws Exception {
        assertThat(run("stamp", "bbbb00000002", "cccc00000003").exit()).isZero();
        CliRun dry = run("stamp", "--purge", "base", "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).isEqualTo("Would purge the version table retort_version (it holds bbbb00000002, cccc00000003)\n");
        assertThat(run("--json", "stamp", "--purge", "base", "--dry-run").out().replaceAll("\\s", ""))
                .isEqualTo("{\"direction\":\"stamp\",\"steps\":[],\"purge\":[\"bbbb00000002\",\"cccc00000003\"]}");
        assertThat(run("current").out()).contains("bbbb00000002").contains("cccc00000003");
        assertThat(run("stamp", "--purge", "base").exit()).isZero();
        assertThat(run("stamp", "--purge", "base", "--dry-run").out()).startsWith("Nothing to do: the database is at base");
    }

    /** A dry run refuses what the run would: here a downgrade through a revision with no downgrade. */
    @Test
    void dryRunOfAnIrreversibleDowngradeIsRefusedAsTheRunIs() throws Exception {
        Files.writeString(dir.resolve("migrations/versions/eeee00000005.sql"), """
                -- retort:revision eeee00000005
                -- retort:revises dddd00000004

                -- retort:upgrade
                CREATE TABLE e (id INTEGER);
                """);
        assertThat(run("upgrade", "head").exit()).isZero();
        CliRun dry = run("downgrade", "base", "--dry-run");
        assertThat(dry.exit()).isEqualTo(1);
        assertThat(dry.err()).contains("Revision eeee00000005", "has no downgrade and cannot be reverted; nothing would be run");
        assertThat(dry.out()).doesNotContain("Would run");
    }

    /**
     * SPEC §3: reads and dry runs compile nothing. An unreachable server is reported as such by current and
     * history -i even when a Java revision does not compile; a dry run neither compiles nor trips over it.
     */
    @Test
    void readsAndDryRunsCompileNothing() throws Exception {
        Files.writeString(dir.resolve("migrations/versions/eeee00000005.java"), """
                import dev.retort.migration.*;

                @Revision(id = "eeee00000005", revises = "dddd00000004")
                class Bad extends Migration {
                    @Override public void upgrade(Operations op) { op.bogus(); }
                }
                """);
        for (String[] read : new String[][]{{"current"}, {"history", "-i"}}) {
            List<String> args = new ArrayList<>(List.of("--url", "postgresql://postgres@127.0.0.1:1/x"));
            args.addAll(List.of(read));
            CliRun r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", read)).contains("Cannot connect to postgresql://postgres@127.0.0.1:1/x")
                    .doesNotContain("do not compile").doesNotContain("Compiling");
        }
        CliRun dry = run("upgrade", "heads", "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("eeee00000005");
        assertThat(dry.err()).doesNotContain("Compiling");
        assertThat(dir.resolve(".retort/cache")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(),
                p -> assertThat(Files.list(p).filter(Files::isDirectory)).isEmpty());
    }

    /** running.md: --json on a real run prints the steps that ran; on a failure, those that stay applied, and the error. */
    @Test
    void jsonOfAFailedRunListsTheCommittedSteps() throws Exception {
        Files.writeString(dir.resolve("retort.toml"), """
                [retort]
                script_location = "migrations"
                url = "sqlite:///data/app.db"
                transaction_per_migration = true
                """);
        rev(dir.resolve("migrations/versions"), "eeee00000005", "dddd00000004", "", "duplicate",
                "INSERT INTO account (id, name) VALUES (1, 'again')", "SELECT 1");
        CliRun r = run("--json", "upgrade", "head");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Revision eeee00000005");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.get("steps")).hasSize(4);
        assertThat(json.get("steps").get(3).get("revision").asText()).isEqualTo("dddd00000004");
        assertThat(json.get("error").asText()).contains("Revision eeee00000005");
    }

    /** -vv prints the stack trace, and the driver's own message in it (which echoes the URL) has its password masked. */
    @Test
    void verboseStackTracesMaskPasswords() {
        CliRun r = run("-vv", "--url", "jdbc:postgresql://127.0.0.1:abc/x?user=postgres&password=Sekr3tPW", "current");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Caused by:", "password=***").doesNotContain("Sekr3tPW");
    }

    /** current -v (the detailed listing) keeps a user error to its one line: its stack trace needs -vv (t12-9). */
    @Test
    void verboseListingsKeepAUserErrorToOneLine() {
        CliRun current = run("-v", "--url", "postgresql://postgres@127.0.0.1:1/x", "current");
        assertThat(current.exit()).isEqualTo(1);
        assertThat(current.err()).startsWith("FAILED: Cannot connect to postgresql://postgres@127.0.0.1:1/x")
                .doesNotContain("\tat ").doesNotContain("RetortException").hasLineCount(1);
        CliRun history = run("history", "-v", "-r", "foo");
        assertThat(history.exit()).isEqualTo(1);
        assertThat(history.err()).isEqualTo("FAILED: History range requires [start]:[end], [start]:, or :[end]\n");
        assertThat(run("history", "-vv", "-r", "foo").err()).contains("\tat dev.retort.");
    }

    /** check warns about an applied revision whose file was edited afterwards (the history has its checksum). */
    @Test
    void checkWarnsAboutAnAppliedRevisionEditedAfterwards() throws Exception {
        assertThat(run("upgrade", "heads").exit()).isZero();
        Path file = dir.resolve("migrations/versions/aaaa00000001.sql");
        Files.writeString(file, Files.readString(file) + "\n-- edited\n");
        CliRun r = run("check");
        assertThat(r.err()).contains("Revision aaaa00000001 (" + file + ") was changed after it was applied");
        assertThat(r.err()).doesNotContain("bbbb00000002 (");
        // t56-7: in the JSON document too (the exit code as before), and upgrade warns as check does
        CliRun json = run("--json", "check");
        assertThat(json.exit()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(doc.get("up_to_date").asBoolean()).isTrue();
        assertThat(doc.get("edited")).hasSize(1);
        assertThat(doc.get("edited").get(0).get("revision").asText()).isEqualTo("aaaa00000001");
        assertThat(doc.get("edited").get(0).get("path").asText()).isEqualTo(file.toString());
        assertThat(doc.get("edited").get(0).get("recorded").asText()).hasSize(64).isNotEqualTo(
                doc.get("edited").get(0).get("now").asText());
        List<String> keys = new java.util.ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("up_to_date", "pending", "drift", "edited");
        CliRun upgrade = run("upgrade");
        assertThat(upgrade.exit()).isZero();
        assertThat(upgrade.err()).contains("WARN  [retort] Revision aaaa00000001 (" + file + ") was changed after it was"
                + " applied: the history table has checksum ");
    }

    /** Two developers' revisions merged without a merge revision: check says so, as upgrade head will refuse them (t10-5). */
    @Test
    void checkWarnsAboutUnmergedHeads() throws Exception {
        assertThat(run("check").err()).doesNotContain("heads (");
        Files.writeString(dir.resolve("migrations/versions/ffff00000006.sql"), """
                -- retort:revision ffff00000006
                -- retort:revises aaaa00000001
                -- retort:message a second head
                -- retort:upgrade
                SELECT 1;
                """);
        CliRun r = run("check");
        assertThat(r.err()).contains("The scripts have 2 heads (").contains("ffff00000006")
                .contains("'upgrade head' refuses them. Merge them with 'retort merge heads'");
    }

    /** A run that fails before any revision (here: the server cannot be reached) still prints its JSON, with no steps. */
    @Test
    void jsonOfARunThatFailsBeforeAnyRevision() throws Exception {
        CliRun r = run("--json", "--url", "postgresql://postgres@127.0.0.1:1/nowhere", "upgrade", "head");
        assertThat(r.exit()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.get("steps")).isEmpty();
        assertThat(json.get("error").asText()).contains("Cannot connect to postgresql://postgres@127.0.0.1:1/nowhere");
    }

    @Test
    void offlineSqlConnectsToNothing() {
        CliRun r = run("upgrade", "heads", "--sql");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(r.out()).startsWith("-- Run with: sqlite3 -bail " + dir.resolve("data/app.db") + " < this.sql (without -bail sqlite3 goes on after an error, and COMMIT commits the rest: a failed revision is recorded as applied).\n\n"
                + "BEGIN;\n\nCREATE TABLE IF NOT EXISTS retort_version (\n    version_num VARCHAR(255) NOT NULL,\n")
                .contains("-- Running upgrade  -> aaaa00000001\n\nCREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50));\n\n"
                        + "INSERT INTO retort_version (version_num) VALUES ('aaaa00000001');\n")
                .contains("-- Running upgrade bbbb00000002, cccc00000003 -> dddd00000004\n\n"
                        + "INSERT INTO account (id, name) VALUES (1, 'o''neil');\n\n"
                        + "DELETE FROM retort_version WHERE version_num = 'bbbb00000002';\n\n"
                        + "UPDATE retort_version SET version_num = 'dddd00000004' WHERE version_num = 'cccc00000003';\n")
                .endsWith("COMMIT;\n\n");
        assertThat(r.err()).isEqualTo("""
                INFO  [retort] Context impl sqlite.
                INFO  [retort] Generating static SQL
                INFO  [retort] Will assume transactional DDL.
                """);
        CliRun down = run("downgrade", "dddd00000004:aaaa00000001", "--sql");
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(down.out()).startsWith("-- Run with: sqlite3 -bail " + dir.resolve("data/app.db") + " < this.sql (without -bail sqlite3 goes on after an error, and COMMIT commits the rest: a failed revision is recorded as applied).\n\n"
                + "BEGIN;\n\n-- Stops here unless retort_version holds exactly dddd00000004: this script starts there\n\n"
                + "CREATE TEMP TABLE retort_start_guard (not_at_start INTEGER CONSTRAINT \"retort_version is not at dddd00000004,"
                + " where this script starts: write one that starts where the database is (FROM:TO --sql, FROM as 'retort"
                + " current' prints it)\" CHECK (not_at_start = 0));\n\n")
                .contains("\n\nDROP TABLE temp.retort_start_guard;\n\nCREATE TABLE IF NOT EXISTS retort_history (\n")
                .contains("PRIMARY KEY (seq)\n);\n\n-- Running downgrade dddd00000004 -> bbbb00000002, cccc00000003\n")
                .doesNotContain("CREATE TABLE IF NOT EXISTS retort_version");
        CliRun noRange = run("downgrade", "base", "--sql");
        assertThat(noRange.exit()).isEqualTo(1);
        assertThat(noRange.err()).isEqualTo("FAILED: downgrade with --sql requires <fromrev>:<torev>\n");
    }

    @Test
    void offlineUpgradeFromBaseCreatesTheTablesAsWithoutAStart() {
        CliRun open = run("upgrade", ":bbbb00000002", "--sql");
        CliRun base = run("upgrade", "base:bbbb00000002", "--sql");
        assertThat(base.exit()).as(base.err()).isZero();
        assertThat(base.out()).contains("CREATE TABLE IF NOT EXISTS retort_version (", "CREATE TABLE IF NOT EXISTS retort_history (")
                .isEqualTo(open.out());
        CliRun mid = run("upgrade", "aaaa00000001:bbbb00000002", "--sql");
        assertThat(mid.exit()).as(mid.err()).isZero();
        // only the history table's, which a database adopted from another tool lacks (t37-2)
        assertThat(mid.out()).contains("-- Running upgrade aaaa00000001 -> bbbb00000002")
                .containsOnlyOnce("CREATE TABLE IF NOT EXISTS retort_history")
                .doesNotContain("CREATE TABLE IF NOT EXISTS retort_version", "holds rows");
    }

    @Test
    void offlineRunsRefuseCurrentSinceTheyDoNotConnect() {
        for (String[] args : List.of(new String[] {"upgrade", "current:head", "--sql"},
                new String[] {"upgrade", "current", "--sql"},
                new String[] {"downgrade", "head:current", "--sql"},
                new String[] {"downgrade", "current:current-1", "--sql"},
                new String[] {"stamp", "current:heads", "--sql"})) {
            CliRun r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err()).as(String.join(" ", args)).endsWith("FAILED: 'current' cannot be used with --sql: "
                    + "an offline run does not connect to the database, so its current revision is unknown; "
                    + "name the revision it is at (FROM:TO, e.g. ae1027a6acf1:head)\n");
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    /** t47-7: +N counts from the database's rows as current+N does; offline it counted from base, silently. */
    @Test
    void offlineRunsRefuseRelativeMovesFromTheDatabase() {
        for (String[] args : List.of(new String[] {"upgrade", "+1", "--sql"},
                new String[] {"upgrade", "+1:head", "--sql"},
                new String[] {"stamp", "+1", "--sql"})) {
            CliRun r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err()).as(String.join(" ", args)).endsWith("FAILED: '+1' cannot be used with --sql: it counts"
                    + " from the database's current revision, which an offline run does not know, as it does not connect"
                    + " to the database; name the revision it is at (FROM:TO, e.g. ae1027a6acf1:"
                    + (args[1].contains(":") ? "head" : "+1") + ")\n");
        }
        // from a FROM it names, +1 is known; and a walk from a revision or head never was the database's
        CliRun fromNamed = run("upgrade", "base:+1", "--sql");
        assertThat(fromNamed.exit()).as(fromNamed.err()).isZero();
        assertThat(fromNamed.out()).contains("-- Running upgrade  -> aaaa00000001").doesNotContain("bbbb00000002");
        CliRun walk = run("upgrade", "bbbb00000002-1", "--sql");
        assertThat(walk.exit()).as(walk.err()).isZero();
        assertThat(walk.out()).contains("-- Running upgrade  -> aaaa00000001").doesNotContain("bbbb00000002");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void offlineUpgradeRangeMustGoUpwards() {
        CliRun down = run("upgrade", "bbbb00000002:aaaa00000001", "--sql");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.out()).isEmpty();
        assertThat(down.err()).endsWith("FAILED: Revision bbbb00000002 is not an ancestor of revision aaaa00000001\n");
        CliRun viaMerge = run("upgrade", "dddd00000004:bbbb00000002", "--sql");
        assertThat(viaMerge.exit()).isEqualTo(1);
        assertThat(viaMerge.err()).endsWith("FAILED: Revision dddd00000004 is not an ancestor of revision bbbb00000002\n");
        // t28-1: a sibling branch is neither above nor below: its row stays and TO's branch is added, as online
        CliRun sibling = run("upgrade", "cccc00000003:bbbb00000002", "--sql");
        assertThat(sibling.exit()).as(sibling.err()).isZero();
        assertThat(sibling.out()).contains("-- Running upgrade aaaa00000001 -> bbbb00000002",
                "INSERT INTO retort_version (version_num) VALUES ('bbbb00000002');")
                .doesNotContain("CREATE TABLE audit", "UPDATE retort_version");
    }

    /** t16-9: FROM may name several version rows, for a database with several branches applied. */
    @Test
    void offlineFromSeveralRows() throws Exception {
        assertThat(run("upgrade", "bbbb00000002").exit()).isZero();
        assertThat(run("upgrade", "cccc00000003").exit()).isZero();
        assertThat(run("current").out()).isEqualTo("bbbb00000002\ncccc00000003\n");
        CliRun sql = run("upgrade", "bbbb00000002,cccc00000003:dddd00000004", "--sql");
        assertThat(sql.exit()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("-- Running upgrade bbbb00000002, cccc00000003 -> dddd00000004")
                .doesNotContain("-- Running upgrade  -> aaaa00000001", "CREATE TABLE invoice", "CREATE TABLE audit",
                        "CREATE TABLE IF NOT EXISTS retort_version");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/app.db"));
             Statement st = c.createStatement()) {
            for (String statement : dev.retort.script.SqlSplitter.sqlite().split(sql.out())) st.execute(statement);
        }
        assertThat(run("current").out()).isEqualTo("dddd00000004 (head) (mergepoint)\n");
        // r8-4: one row below another is refused, as in a version table
        CliRun redundant = run("upgrade", "aaaa00000001,bbbb00000002:dddd00000004", "--sql");
        assertThat(redundant.exit()).isEqualTo(1);
        assertThat(redundant.err()).endsWith("FAILED: FROM names aaaa00000001 and bbbb00000002, but aaaa00000001 lies"
                + " below bbbb00000002: list the database's version rows, as 'retort current' prints them\n");
        CliRun one = run("upgrade", "bbbb00000002:dddd00000004", "--sql");
        assertThat(one.out()).contains("-- Running upgrade aaaa00000001 -> cccc00000003");
    }

    @Test
    void rangesAreForOfflineOnly() {
        CliRun r = run("upgrade", "aaaa00000001:bbbb00000002");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("FAILED: Range revision not allowed");
    }

    @Test
    void unreachableServerIsOneLineWithTheMaskedUrl() {
        CliRun r = run("--url", "postgresql://app:s3cret@127.0.0.1:1/app", "upgrade");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("FAILED: Cannot connect to postgresql://app:***@127.0.0.1:1/app: ")
                .doesNotContain("s3cret");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void upgradeAndDowngradeOnOtherEngines(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            CliRun up = run("--url", db.url(), "upgrade", "heads");
            assertThat(up.exit()).as(up.err()).isZero();
            assertThat(run("--url", db.url(), "current").out()).isEqualTo("dddd00000004 (head) (mergepoint)\n");
            CliRun down = run("--url", db.url(), "downgrade", "base");
            assertThat(down.exit()).as(down.err()).isZero();
            assertThat(run("--url", db.url(), "current").out()).isEmpty();
        }
    }
}
