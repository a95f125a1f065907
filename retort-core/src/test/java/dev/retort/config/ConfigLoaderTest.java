package dev.retort.config;

import dev.retort.RetortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String toml) throws IOException {
        Path f = dir.resolve("retort.toml");
        Files.writeString(f, toml);
        return f;
    }

    private RetortConfig load(Path f, Map<String, String> env) {
        return ConfigLoader.load(f, null, null, null, env, Map.of());
    }

    /** Saved by Notepad and other Windows editors: a byte-order mark and CRLF line ends. */
    @Test
    void aByteOrderMarkAndCrlfLineEndsAreFine() throws IOException {
        Path f = write("\uFEFF[retort]\r\nscript_location = \"migrations\"\r\nurl = \"sqlite:///app.db\"\r\n");
        RetortConfig c = load(f, Map.of());
        assertThat(c.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("app.db"));
        assertThat(c.scriptLocation()).isEqualTo(dir.resolve("migrations"));
    }

    @Test
    void specExampleLoadsWithDefaultsAndAbsolutePaths() throws IOException {
        Path f = write("""
                [retort]
                script_location  = "migrations"
                version_locations = ["migrations/versions", "more/versions"]
                url              = "jdbc:sqlite:data/app.db"
                file_template    = "{year}{month}{day}_{hour}{minute}_{rev}_{slug}"
                truncate_slug_length = 40
                version_table    = "retort_version"
                version_table_schema = ""
                transaction_per_migration = false
                target_metadata  = "sql:schema.sql"
                timezone         = "UTC"

                [env.production]
                url = "${DATABASE_URL}"
                auto_migrate = false
                """);
        RetortConfig c = load(f, Map.of());
        assertThat(c.file()).isEqualTo(f.toAbsolutePath());
        assertThat(c.scriptLocation()).isEqualTo(dir.resolve("migrations"));
        assertThat(c.versionLocations()).containsExactly(dir.resolve("migrations/versions"), dir.resolve("more/versions"));
        assertThat(c.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/app.db"));
        assertThat(c.fileTemplate()).isEqualTo("{year}{month}{day}_{hour}{minute}_{rev}_{slug}");
        assertThat(c.versionTableSchema()).isEmpty();
        assertThat(c.historyTable()).isEqualTo("retort_history");
        assertThat(c.targetMetadata()).isEqualTo("sql:schema.sql");
        assertThat(c.lockTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.classpath()).isEmpty();
        assertThat(c.autoMigrate()).isFalse();
        assertThat(c.cacheDir()).isEqualTo(dir.resolve(".retort/cache"));
    }

    @Test
    void minimalFileGetsDefaults() throws IOException {
        RetortConfig c = load(write("[retort]\nscript_location = \"m\"\n"), Map.of());
        assertThat(c.versionLocations()).containsExactly(dir.resolve("m/versions"));
        assertThat(c.url()).isNull();
        assertThat(c.displayUrl()).isNull();
        assertThat(c.fileTemplate()).isEqualTo("{rev}_{slug}");
        assertThat(c.truncateSlugLength()).isEqualTo(40);
        assertThat(c.versionTable()).isEqualTo("retort_version");
        assertThat(c.timezone()).isEqualTo("UTC");
    }

    @Test
    void envOverlayAndVariableExpansion() throws IOException {
        Path f = write("""
                [retort]
                script_location = "m"
                url = "jdbc:sqlite:dev.db"
                lock_timeout = 5
                [env.production]
                url = "${PROD_URL}"
                lock_timeout = 120
                auto_migrate = true
                classpath = ["lib/app.jar", "${LIBS:-build/classes}"]
                """);
        RetortConfig c = ConfigLoader.load(f, "production", null, null,
                Map.of("PROD_URL", "postgresql://app:s3cret@db.example:5432/app"), Map.of("tenant", "a"));
        assertThat(c.url()).isEqualTo("jdbc:postgresql://db.example:5432/app?user=app&password=s3cret");
        assertThat(c.displayUrl()).isEqualTo("postgresql://app:***@db.example:5432/app");
        assertThat(c.lockTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.lockTimeoutSetIn()).as("for the advice to raise it (t26-5)").isEqualTo("[env.production]");
        assertThat(ConfigLoader.load(f, null, null, null, Map.of(), Map.of()).lockTimeoutSetIn()).isEqualTo("[retort]");
        assertThat(c.autoMigrate()).isTrue();
        assertThat(c.classpath()).containsExactly(dir.resolve("lib/app.jar"), dir.resolve("build/classes"));
        assertThat(c.x()).containsEntry("tenant", "a");
    }

    /** t26-5: the table whose lock_timeout applies, the last of the layers that sets it; none: null (the default). */
    @Test
    void theTableWhoseLockTimeoutAppliesIsKept() throws IOException {
        Path f = write("""
                [retort]
                script_location = "m"
                [databases.main]
                url = "sqlite:///main.db"
                lock_timeout = 5
                [databases.other]
                url = "sqlite:///other.db"
                [env.prod]
                url = "sqlite:///x.db"
                [env.prod.databases.main]
                lock_timeout = 7
                """);
        assertThat(ConfigLoader.load(f, null, "main", null, Map.of(), Map.of()).lockTimeoutSetIn()).isEqualTo("[databases.main]");
        assertThat(ConfigLoader.load(f, "prod", "main", null, Map.of(), Map.of()).lockTimeoutSetIn())
                .isEqualTo("[env.prod.databases.main]");
        assertThat(ConfigLoader.load(f, "prod", "other", null, Map.of(), Map.of()).lockTimeoutSetIn()).isNull();
    }

    /** DATABASE_URL comes first (SPEC 2), but over an --env overlay's own url it is said so, masked (t10-3). */
    @Test
    void anEnvironmentVariableOverAnOverlaysUrlIsWarnedAbout() throws Exception {
        Path f = write("""
                [retort]
                script_location = "m"
                [env.staging]
                url = "sqlite:///staging.db"
                """);
        RetortConfig[] c = new RetortConfig[1];
        String err = dev.retort.testing.Stderr.of(() -> {
            c[0] = ConfigLoader.load(f, "staging", null, null, Map.of("DATABASE_URL", "postgresql://app:pw@db/app"), Map.of());
            ConfigLoader.load(f, "staging", null, null, Map.of("DATABASE_URL", "postgresql://app:pw@db/app"), Map.of());
            ConfigLoader.load(f, "staging", null, null, Map.of(), Map.of());
        });
        assertThat(c[0].displayUrl()).isEqualTo("postgresql://app:***@db/app (from DATABASE_URL)");
        assertThat(err)
                .containsOnlyOnce("[env.staging] in " + f + " sets url, but the environment variable DATABASE_URL comes first"
                        + " (postgresql://app:***@db/app); unset DATABASE_URL to use [env.staging]'s url")
                .doesNotContain("pw@");
    }

    /**
     * t77-3: a bad URL from DATABASE_URL / RETORT_DATABASE_URL was reported as if it were the file's, and a connection
     * error named a URL found nowhere in retort.toml. The variable is named, with the file's url it passed over, and
     * the URL as messages show it says where it came from.
     */
    @Test
    void aUrlFromTheEnvironmentIsNamedAsSuch() throws Exception {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = \"jdbc:sqlite:data/app.db\"\n[env.prod]\nurl = \"sqlite:///p.db\"\n");
        assertThatThrownBy(() -> load(f, Map.of("DATABASE_URL", "redis://u:Pw9Secret@h:6379/0")))
                .hasMessageStartingWith("DATABASE_URL (environment; it comes before url in " + f + "): Unsupported database URL"
                        + " scheme 'redis' in 'redis://u:***@h:6379/0'")
                .hasMessageNotContaining("Pw9Secret");
        assertThatThrownBy(() -> ConfigLoader.load(f, "prod", null, null, Map.of("RETORT_DATABASE_URL", "redis://h/0"), Map.of()))
                .hasMessageStartingWith("RETORT_DATABASE_URL (environment; it comes before url in [env.prod] of " + f + "): ");
        assertThat(load(f, Map.of("DATABASE_URL", "postgres://u:pw@127.0.0.1/db")).displayUrl())
                .isEqualTo("postgres://u:***@127.0.0.1/db (from DATABASE_URL)");
        assertThat(load(f, Map.of()).displayUrl()).isEqualTo("jdbc:sqlite:data/app.db");
        // --url is this command line's own: named as given
        assertThat(ConfigLoader.load(f, null, null, "sqlite:///x.db", Map.of("DATABASE_URL", "redis://h/0"), Map.of()).displayUrl())
                .isEqualTo("sqlite:///x.db");
        assertThatThrownBy(() -> ConfigLoader.load(f, null, null, "redis://h/0", Map.of(), Map.of()))
                .hasMessageStartingWith("Unsupported database URL scheme");
        // (the same file, rewritten)
        Path noUrl = write("[retort]\nscript_location = \"m\"\n");
        assertThatThrownBy(() -> load(noUrl, Map.of("DATABASE_URL", "redis://h/0")))
                .hasMessageStartingWith("DATABASE_URL (environment): Unsupported database URL scheme 'redis'");
    }

    /**
     * An unset variable in a multidb file's url named only the file: which of its many url keys was it (t33-5)? The
     * table that gave the effective value is named.
     */
    @Test
    void anUnsetVariableIsNamedWithItsTable() throws Exception {
        Path f = write("""
                [retort]
                script_location = "m"
                [databases.main]
                url = "${T33_MAIN_URL}"
                [databases.reports]
                url = "sqlite:///reports.db"
                lock_timeout = "${T33_WAIT}"
                [env.production.databases.reports]
                url = "${T33_REPORTS_URL}"
                """);
        String file = f.toAbsolutePath().normalize().toString();
        assertThatThrownBy(() -> ConfigLoader.load(f, "production", "reports", null, Map.of(), Map.of()))
                .hasMessage("Environment variable T33_REPORTS_URL is not set (used by 'url' in"
                        + " [env.production.databases.reports] of " + file + "; write ${T33_REPORTS_URL:-default} for a fallback)");
        assertThatThrownBy(() -> ConfigLoader.load(f, null, "main", null, Map.of(), Map.of()))
                .hasMessageStartingWith("Environment variable T33_MAIN_URL is not set (used by 'url' in [databases.main] of "
                        + file + ";");
        assertThatThrownBy(() -> ConfigLoader.load(f, null, "reports", null, Map.of(), Map.of()))
                .hasMessageStartingWith("Environment variable T33_WAIT is not set (used by 'lock_timeout' in"
                        + " [databases.reports] of " + file + ";");
        assertThatThrownBy(() -> ConfigLoader.load(f, null, "reports", null, Map.of("T33_WAIT", "soon"), Map.of()))
                .hasMessageStartingWith("'lock_timeout' in [databases.reports] of " + file + " must be");
    }

    /**
     * Two sections in one database with their own version tables shared the default history table silently, and
     * check of one reported the other's revision of the same id as edited (t33-2): loading the file warns, once.
     */
    @Test
    void sectionsSharingADatabaseAndItsHistoryTableAreWarnedAbout() throws Exception {
        Path f = write("""
                [retort]
                script_location = "v"
                [databases.app]
                url = "sqlite:///one.db"
                version_table = "app_version"
                [databases.plugin]
                url = "sqlite:///one.db"
                version_table = "plugin_version"
                [databases.own]
                url = "sqlite:///one.db"
                version_table = "own_version"
                history_table = "own_history"
                [databases.other]
                url = "sqlite:///other.db"
                version_table = "other_version"
                [env.split.databases.plugin]
                history_table = "plugin_history"
                """);
        String err = dev.retort.testing.Stderr.of(() -> {
            ConfigLoader.load(f, null, "app", null, Map.of(), Map.of());
            ConfigLoader.load(f, null, "plugin", null, Map.of(), Map.of());
            ConfigLoader.load(f, "split", "app", null, Map.of(), Map.of());
        });
        assertThat(err)
                .containsOnlyOnce("[databases.app] and [databases.plugin] in " + f + " have the same url and different"
                        + " version tables (app_version, plugin_version) but share the history table 'retort_history':"
                        + " each section's check for revisions edited after they were applied reads the other's rows for"
                        + " a revision id both use. Give each section its own history_table (history_table ="
                        + " \"app_history\" in [databases.app])")
                .doesNotContain("[databases.own]").doesNotContain("[databases.other]").doesNotContain("[env.split]");
        assertThat(err.lines().filter(l -> l.contains("share the history table")).count()).isEqualTo(1);
    }

    /** t68-6: sections on one url sharing the version table itself were not warned about; the run then failed. */
    @Test
    void sectionsSharingAVersionTableAreWarnedAbout() throws Exception {
        Path f = write("""
                [retort]
                script_location = "m"
                [databases.a]
                url = "sqlite:///s.db"
                version_locations = ["a"]
                [databases.b]
                url = "sqlite:///s.db"
                version_locations = ["b"]
                [databases.c]
                url = "sqlite:///s.db"
                version_table = "c_version"
                history_table = "c_history"
                [databases.d]
                url = "sqlite:///d.db"
                [env.split.databases.b]
                version_table = "b_version"
                history_table = "b_history"
                """);
        String err = dev.retort.testing.Stderr.of(() -> {
            ConfigLoader.load(f, null, "a", null, Map.of(), Map.of());
            ConfigLoader.load(f, null, "b", null, Map.of(), Map.of());
        });
        assertThat(err).containsOnlyOnce("[databases.a] and [databases.b] in " + f + " have the same url and share the"
                + " version table 'retort_version': each section's upgrade finds the other's revision there and cannot"
                + " locate it, and 'stamp --purge' for one erases the other's. Give each section its own version_table"
                + " and history_table (version_table = \"b_version\", history_table = \"b_history\" in [databases.b])")
                .doesNotContain("[databases.c]").doesNotContain("[databases.d]");
        String split = dev.retort.testing.Stderr.of(() -> ConfigLoader.load(f, "split", "a", null, Map.of(), Map.of()));
        assertThat(split).doesNotContain("share the version table");
    }

    /** With -n, RETORT_DATABASE_URL_NAME over the selected overlay's url is warned about as well (t23-3). */
    @Test
    void aDatabaseVariableOverAnOverlaysUrlIsWarnedAbout() throws Exception {
        Path f = write("""
                [retort]
                script_location = "m"
                [databases.main]
                url = "sqlite:///main.db"
                [databases.reports]
                url = "sqlite:///reports.db"
                [env.prod.databases.main]
                url = "sqlite:///prodmain.db"
                [env.stage]
                url = "sqlite:///stage.db"
                [env.same.databases.main]
                url = "${RETORT_DATABASE_URL_MAIN}"
                """);
        Map<String, String> environment = Map.of("RETORT_DATABASE_URL_MAIN", "postgresql://app:pw@db/main");
        RetortConfig[] c = new RetortConfig[1];
        String err = dev.retort.testing.Stderr.of(() -> {
            c[0] = ConfigLoader.load(f, "prod", "main", null, environment, Map.of());
            ConfigLoader.load(f, "stage", "main", null, environment, Map.of());
            ConfigLoader.load(f, "same", "main", null, environment, Map.of());
            ConfigLoader.load(f, null, "main", null, environment, Map.of());
            ConfigLoader.load(f, "prod", "reports", null, environment, Map.of());
        });
        assertThat(c[0].displayUrl()).isEqualTo("postgresql://app:***@db/main (from RETORT_DATABASE_URL_MAIN)");
        assertThat(err)
                .containsOnlyOnce("[env.prod.databases.main] in " + f + " sets url, but the environment variable "
                        + "RETORT_DATABASE_URL_MAIN comes first (postgresql://app:***@db/main); unset RETORT_DATABASE_URL_MAIN"
                        + " to use [env.prod.databases.main]'s url")
                .containsOnlyOnce("[env.stage] in " + f + " sets url, but the environment variable RETORT_DATABASE_URL_MAIN")
                .doesNotContain("[env.same")
                .doesNotContain("pw@");
        assertThat(err.lines().filter(l -> l.contains("comes first")).count()).isEqualTo(2);
    }

    /**
     * The documented overlay {@code url = "${DATABASE_URL}"} (and the quickstart's {@code ${DATABASE_URL:-...}}) names
     * the very URL the variable gives: no warning, whose advice to unset the variable would break it (t12-1).
     */
    @Test
    void anOverlayWhoseUrlIsTheVariableIsNotWarnedAbout() throws Exception {
        Path f = write("""
                [retort]
                script_location = "m"
                url = "sqlite:///d.db"
                [env.production]
                url = "${DATABASE_URL}"
                [env.postgres]
                url = "${DATABASE_URL:-postgresql://postgres@127.0.0.1/quickstart}"
                [env.other]
                url = "${OTHER_URL}"
                """);
        Map<String, String> environment = Map.of("DATABASE_URL", "sqlite:///prod-t12-1.db", "OTHER_URL", "sqlite:///other-t12-1.db");
        String err = dev.retort.testing.Stderr.of(() -> {
            assertThat(ConfigLoader.load(f, "production", null, null, environment, Map.of()).displayUrl())
                    .isEqualTo("sqlite:///prod-t12-1.db (from DATABASE_URL)");
            assertThat(ConfigLoader.load(f, "postgres", null, null, environment, Map.of()).displayUrl())
                    .isEqualTo("sqlite:///prod-t12-1.db (from DATABASE_URL)");
            ConfigLoader.load(f, "other", null, null, environment, Map.of());
            ConfigLoader.load(f, "production", null, null,
                    Map.of("RETORT_DATABASE_URL", "sqlite:///retort-t12-1.db", "DATABASE_URL", "sqlite:///prod-t12-1.db"), Map.of());
        });
        assertThat(err)
                .doesNotContain("[env.postgres]")
                .doesNotContain("[env.production] in " + f + " sets url, but the environment variable DATABASE_URL")
                .containsOnlyOnce("[env.other] in " + f + " sets url, but the environment variable DATABASE_URL comes first")
                .containsOnlyOnce("[env.production] in " + f + " sets url, but the environment variable RETORT_DATABASE_URL comes first");
    }


    /** t14-1: as in the shell, ${VAR:-default} takes the default for a variable set but empty. */
    @Test
    void aDefaultIsTakenForAnEmptyVariable() throws IOException {
        Path f = write("[retort]\nscript_location = \"${LOC:-migrations}\"\nurl = \"${EMPTY:-jdbc:sqlite:data/app.db}\"\n"
                + "version_table = \"v${SUFFIX}\"\n");
        RetortConfig c = load(f, Map.of("EMPTY", "", "LOC", "", "SUFFIX", ""));
        assertThat(c.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/app.db"));
        assertThat(c.scriptLocation()).isEqualTo(dir.resolve("migrations"));
        assertThat(c.versionTable()).isEqualTo("v");
    }

    /** t14-14: every overlay is checked on every load; one for a database section that does not exist is an error. */
    @Test
    void overlaysAreCheckedWhetherSelectedOrNot() throws IOException {
        String multi = """
                [retort]
                script_location = "m"
                [databases.main]
                url = "sqlite:///main.db"
                [databases.reports]
                url = "sqlite:///reports.db"
                """;
        Path typo = write(multi + "[env.production.databases.reprots]\nurl = \"postgresql://app:pw@prod-db/reports\"\n");
        for (String env : new String[]{"production", null}) {
            assertThatThrownBy(() -> ConfigLoader.load(typo, env, "reports", null, Map.of(), Map.of()))
                    .hasMessage("[env.production.databases.reprots] in " + typo + " overlays no database section: "
                            + "there is no [databases.reprots]; sections: main, reports");
        }
        Path single = write("[retort]\nscript_location = \"m\"\n[env.prod.databases.main]\nurl = \"sqlite:///x.db\"\n");
        assertThatThrownBy(() -> load(single, Map.of())).hasMessageContaining("[env.prod.databases.main] in " + single)
                .hasMessageContaining("the file has no [databases.*] sections");
        Path badKey = write(multi + "[env.production.databases.main]\nurll = 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(badKey, null, "reports", null, Map.of(), Map.of()))
                .hasMessageContaining("urll").hasMessageContaining("[env.production.databases.main]");
        Path badType = write("[retort]\nscript_location = \"m\"\n[env.prod]\nlock_timeout = \"x\"\n");
        assertThatThrownBy(() -> load(badType, Map.of()))
                .hasMessage("'lock_timeout' in [env.prod] of " + badType + " must be a whole number, not \"x\"");
        // a value from a variable is shown as it came out, beside the reference that gave it (t23)
        Path fromVariable = write("[retort]\nscript_location = \"m\"\nlock_timeout = \"${LOCK}\"\n"
                + "transaction_per_migration = \"${TPM:-false}\"\n");
        assertThatThrownBy(() -> load(fromVariable, Map.of("LOCK", "abc")))
                .hasMessage("'lock_timeout' in " + fromVariable + " must be a whole number, not \"abc\" (the value of \"${LOCK}\")");
        assertThatThrownBy(() -> load(fromVariable, Map.of("LOCK", "5", "TPM", "maybe")))
                .hasMessage("'transaction_per_migration' in " + fromVariable + " must be true or false, not \"maybe\""
                        + " (the value of \"${TPM:-false}\")");
        assertThat(load(fromVariable, Map.of("LOCK", "5", "TPM", "TRUE")).transactionPerMigration()).isTrue();
        // a variable is checked only where the overlay applies: it may be set only there
        Path variable = write("[retort]\nscript_location = \"m\"\n[env.prod]\nurl = \"${PROD_URL}\"\nlock_timeout = \"${LOCK}\"\n");
        assertThat(load(variable, Map.of()).url()).isNull();
    }

    /** t14-17: a template that cannot name a file is refused when the file is loaded. */
    @Test
    void fileTemplatesThatNameNoFileAreRefused() throws IOException {
        for (String[] c : new String[][]{{"", "file_template in %s is empty"}, {"  ", "file_template in %s is empty"},
                {"{rev", "Unmatched brace in file_template '{rev' in %s"}, {"{rev}_}x", "Unmatched brace"},
                {"{bogus}_{rev}", "Unknown token {bogus} in file_template '{bogus}_{rev}' in %s (tokens: "},
                // t77-5: braces that match around something not lower-case letters were an "Unmatched brace"
                {"{rev_id}_{slug}", "Unknown token {rev_id} in file_template '{rev_id}_{slug}' in %s (did you mean {rev}?)"},
                {"{REV}", "Unknown token {REV} in file_template '{REV}' in %s (did you mean {rev}?)"},
                {"{Slug}_{rev}", "Unknown token {Slug} in file_template '{Slug}_{rev}' in %s (did you mean {slug}?)"},
                {"{rev-id}", "Unknown token {rev-id} in file_template '{rev-id}' in %s (did you mean {rev}?)"},
                {"{year2}{rev}", "Unknown token {year2} in file_template '{year2}{rev}' in %s (did you mean {year}?)"},
                {"{ rev }", "Unknown token { rev } in file_template '{ rev }' in %s (did you mean {rev}?)"},
                {"{}_{rev}", "Unknown token {} in file_template '{}_{rev}' in %s (tokens: "},
                {"{{rev}}", "Unmatched brace"},
                // r7-7: a hidden file, which the scanner skips
                {".{rev}", "file_template '.{rev}' in %s makes a hidden file"}, {".", "file_template '.' in %s makes a hidden file"},
                // t68-1: every revision was <rev>/.java; '..' was called a hidden file
                {"{rev}/", "file_template '{rev}/' in %s ends with a folder separator"},
                {"../{rev}_{slug}", "file_template '../{rev}_{slug}' in %s has a '..' folder"},
                {"./{rev}", "file_template './{rev}' in %s has a '.' folder"}}) {
            Path f = write("[retort]\nscript_location = \"m\"\nfile_template = \"" + c[0] + "\"\n");
            assertThatThrownBy(() -> load(f, Map.of())).as(c[0]).hasMessageStartingWith(c[1].formatted(f));
        }
        Path inOverlay = write("[retort]\nscript_location = \"m\"\n[env.dev]\nfile_template = \"{rev\"\n");
        assertThatThrownBy(() -> load(inOverlay, Map.of())).hasMessageContaining("[env.dev] of " + inOverlay);
        Path fine = write("[retort]\nscript_location = \"m\"\nfile_template = \"{year}{month}{day}_{rev}_{slug}\"\n");
        assertThat(load(fine, Map.of()).fileTemplate()).isEqualTo("{year}{month}{day}_{rev}_{slug}");
    }

    /** t14-15: a key or table given twice is named, with its own line. */
    @Test
    void duplicatesAreNamedWithTheirLine() throws IOException {
        Path key = write("[retort]\nscript_location = \"migrations\"\nurl = \"sqlite:///data/app.db\"\nlock_timeout = 60\n"
                + "lock_timeout = 61\ntimezone=\"UTC\"\n");
        assertThatThrownBy(() -> load(key, Map.of()))
                .hasMessage("Invalid TOML in " + key + ": Duplicate key 'lock_timeout' in [retort] (line 5)");
        Path last = write("[retort]\nscript_location = \"m\"\n[env.prod]\nurl = \"a\"\n\"url\" = \"b\"");
        assertThatThrownBy(() -> load(last, Map.of()))
                .hasMessage("Invalid TOML in " + last + ": Duplicate key 'url' in [env.prod] (line 5)");
        Path table = write("[retort]\nscript_location = \"m\"\n\n[ retort ]\nurl = \"x\"\n");
        assertThatThrownBy(() -> load(table, Map.of()))
                .hasMessage("Invalid TOML in " + table + ": Table [retort] defined twice (line 4, first at line 1)");
        // keys of the same name in a multi-line string are no keys
        Path multi = write("[retort]\nscript_location = \"m\"\nx = \"\"\"\nscript_location = 1\n\"\"\"\nscript_location = 2\n");
        assertThatThrownBy(() -> load(multi, Map.of())).hasMessageContaining("Duplicate key 'script_location' in [retort] (line 6)");
    }

    @Test
    void missingVariableNamesItAndTheFile() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = \"${NOPE_URL}\"\n");
        assertThatThrownBy(() -> load(f, Map.of()))
                .isInstanceOf(RetortException.class)
                .hasMessageContaining("Environment variable NOPE_URL is not set")
                .hasMessageContaining("'url'")
                .hasMessageContaining(f.toAbsolutePath().toString());
    }

    /**
     * Only ${VAR} and ${VAR:-default} are references; any other ${ is refused at load, naming key and file, in every
     * table (t23-5): kept literally it became a file or table name with braces in it.
     */
    @Test
    void malformedReferencesAreRefused() throws IOException {
        String head = "[retort]\nscript_location = \"m\"\n";
        Map<String, String> environment = Map.of("APP_DB", "prod", "VT", "v", "A", "a");
        String[][] cases = {
                {"url = \"jdbc:sqlite:data/${APP_DB-app}.db\"", "'url' in %s has a malformed variable reference '${APP_DB-app}': write ${VAR} or ${VAR:-default}"},
                {"version_table = \"${VT\"", "'version_table' in %s has a malformed variable reference '${VT': it has no closing '}'"},
                {"url = \"jdbc:sqlite:data/${A:-${B:-app}}.db\"", "'url' in %s has a malformed variable reference '${A:-${B:-app}}': a default cannot hold another ${...}"},
                {"history_table = \"h${}\"", "'history_table' in %s has a malformed variable reference '${}': write ${VAR} or ${VAR:-default}"},
                {"version_locations = [\"v\", \"${1X}\"]", "'version_locations' in %s has a malformed variable reference '${1X}': write ${VAR} or ${VAR:-default}"},
                // a reference inside a password is not shown
                {"url = \"postgresql://app:pa${ss@db/app\"", "'url' in %s has a malformed variable reference: it has no closing '}'"},
        };
        for (String[] c : cases) {
            Path f = write(head + c[0] + "\n");
            assertThatThrownBy(() -> load(f, environment)).hasMessage(String.format(c[1], f));
        }
        // in an overlay that is not selected too
        Path overlay = write(head + "[env.production]\nurl = \"${DATABASE_URL-x}\"\n");
        assertThatThrownBy(() -> load(overlay, environment)).hasMessage("'url' in [env.production] of " + overlay
                + " has a malformed variable reference '${DATABASE_URL-x}': write ${VAR} or ${VAR:-default}");
        // the valid forms, a lone $ and a } without ${ are as they were
        Path ok = write(head + "url = \"jdbc:sqlite:data/${APP_DB}-${NONE:-x}-${A:-}$A}.db\"\n");
        assertThat(load(ok, environment).url()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/prod-x-a$A}.db"));
    }

    /** For the command line, an unset variable in url is kept for what needs the URL (t23-6). */
    @Test
    void anUnsetUrlVariableMayWait() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = \"${NOPE_URL}\"\n");
        RetortConfig c = ConfigLoader.load(f, null, null, null, Map.of(), Map.of(), Advice.COMMAND_LINE, true);
        String unset = "Environment variable NOPE_URL is not set (used by 'url' in " + f.toAbsolutePath()
                + "; write ${NOPE_URL:-default} for a fallback)";
        assertThat(c.url()).isNull();
        assertThat(c.urlUnavailable()).isEqualTo(unset);
        assertThatThrownBy(() -> c.requireUrl("autogenerate needs a database URL", "url in retort.toml"))
                .hasMessage("autogenerate needs a database URL: " + unset);
        // a URL given otherwise leaves nothing unavailable
        assertThat(ConfigLoader.load(f, null, null, null, Map.of("DATABASE_URL", "sqlite:///x.db"), Map.of(),
                Advice.COMMAND_LINE, true).urlUnavailable()).isNull();
        assertThat(c.withUrl("jdbc:sqlite:x.db").urlUnavailable()).isNull();
        // other values with an unset variable still fail the load
        Path table = write("[retort]\nscript_location = \"m\"\nversion_table = \"${NOPE_TABLE}\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(table, null, null, null, Map.of(), Map.of(), Advice.COMMAND_LINE, true))
                .hasMessageStartingWith("Environment variable NOPE_TABLE is not set (used by 'version_table'");
        Path none = write("[retort]\nscript_location = \"m\"\n");
        assertThatThrownBy(() -> load(none, Map.of()).requireUrl("autogenerate needs a database URL", "url in retort.toml"))
                .hasMessage("autogenerate needs a database URL (url in retort.toml)");
    }

    /** A value where a table belongs is named where it stands, with the table to write (t23-4). */
    @Test
    void aValueWhereATableBelongsNamesTheTableToWrite() throws IOException {
        String head = "[retort]\nscript_location = \"m\"\nurl = \"sqlite:///a.db\"\n";
        String[][] cases = {
                {"[env]\nproduction = 3\n", "'production' in [env] of %s must be a table ([env.production])"},
                {"[databases]\nmain = 3\n", "'main' in [databases] of %s must be a table ([databases.main])"},
                {"[env.production]\ndatabases = 3\n", "'databases' in [env.production] of %s must be a table ([env.production.databases])"},
                {"[databases.main]\nurl = \"sqlite:///m.db\"\n[env.production.databases]\nmain = 3\n",
                        "'main' in [env.production.databases] of %s must be a table ([env.production.databases.main])"},
                {"env = 3\n", "'env' in %s must be a table ([env])"},
        };
        for (String[] c : cases) {
            Path f = write((c[0].startsWith("env =") ? "env = 3\n" + head : head + c[0]));
            assertThatThrownBy(() -> load(f, Map.of())).hasMessage(String.format(c[1], f));
        }
    }

    /**
     * timezone takes the tz database names Alembic's ZoneInfo takes, EST, MST and HST among them, and as Alembic
     * the name upper-cased (utc); not Java's other short ids (PST), which the tz database does not have (t23-2).
     */
    @Test
    void timezoneTakesTheNamesAlembicTakes() throws IOException {
        for (String tz : new String[]{"utc", "Utc", "EST", "MST", "HST", "EST5EDT", "Etc/UTC", "Europe/Paris", "gmt"}) {
            Path f = write("[retort]\nscript_location = \"m\"\ntimezone = \"" + tz + "\"\n");
            RetortConfig c = load(f, Map.of());
            assertThat(c.timezone()).isEqualTo(tz);
            assertThat(c.zone()).as(tz).isNotNull();
        }
        assertThat(RetortConfig.zone("EST")).isEqualTo(java.time.ZoneOffset.ofHours(-5));
        assertThat(RetortConfig.zone("utc")).isEqualTo(java.time.ZoneId.of("UTC"));
        for (String tz : new String[]{"PST", "Mars/Olympus", "europe/paris"}) {
            Path f = write("[retort]\nscript_location = \"m\"\ntimezone = \"" + tz + "\"\n");
            assertThatThrownBy(() -> load(f, Map.of())).hasMessage("timezone in " + f + " is not a known time zone: '" + tz + "'");
        }
    }

    /** The version table and the history table must be two tables, whatever --env and -n select (t23-1). */
    @Test
    void theVersionTableIsNotTheHistoryTable() throws IOException {
        String head = "[retort]\nscript_location = \"m\"\nurl = \"sqlite:///a.db\"\n";
        String[][] cases = {
                {"version_table = \"same\"\nhistory_table = \"same\"\n", ""},
                {"version_table = \"retort_history\"\n", ""},
                {"history_table = \"Retort_Version\"\n", ""},
                {"[env.prod]\nhistory_table = \"retort_version\"\n", " (with [env.prod])"},
                {"version_table = \"v\"\n[databases.main]\nurl = \"sqlite:///m.db\"\n[env.prod.databases.main]\nhistory_table = \"v\"\n",
                        " (with [env.prod] and [databases.main])"},
        };
        for (String[] c : cases) {
            Path f = write(head + c[0]);
            assertThatThrownBy(() -> load(f, Map.of())).as(c[0]).hasMessageMatching(java.util.regex.Pattern.quote(
                    "version_table and history_table in " + f + c[1] + " are both '") + "[A-Za-z_]+"
                    + java.util.regex.Pattern.quote("': the version table and the history table must be two tables"));
        }
        // with a variable: checked once it is set
        Path f = write(head + "version_table = \"${VT}\"\n");
        assertThat(load(f, Map.of("VT", "v")).versionTable()).isEqualTo("v");
        assertThatThrownBy(() -> load(f, Map.of("VT", "retort_history")))
                .hasMessage("version_table and history_table in " + f + " are both 'retort_history': the version table"
                        + " and the history table must be two tables");
        // a blank name is the default
        assertThat(load(write(head + "version_table = \"\"\n"), Map.of()).historyTable()).isEqualTo("retort_history");
    }

    /**
     * The url scheme and the target_metadata prefix of every table are checked on load, selected or not, so that a
     * CI run finds a typo in [env.production] (t23-7); a value that uses an unset variable waits for its run.
     */
    @Test
    void urlSchemesAndModelPrefixesOfEveryTableAreChecked() throws IOException {
        String head = "[retort]\nscript_location = \"m\"\nurl = \"sqlite:///a.db\"\n";
        Path url = write(head + "[env.production]\nurl = \"postgersql://app:secret@db.internal/app\"\n");
        assertThatThrownBy(() -> load(url, Map.of()))
                .hasMessageStartingWith("url in [env.production] of " + url + ": Unsupported database URL scheme 'postgersql'"
                        + " in 'postgersql://app:***@db.internal/app'; use postgresql://")
                .message().doesNotContain("secret");
        Path sqlite = write(head + "[databases.main]\nurl = \"sqlite://data/m.db\"\n");
        assertThatThrownBy(() -> load(sqlite, Map.of()))
                .hasMessageStartingWith("url in [databases.main] of " + sqlite + ": Invalid SQLite URL 'sqlite://data/m.db'");
        Path prefix = write(head + "[env.production]\ntarget_metadata = \"sq:schema.sql\"\n");
        assertThatThrownBy(() -> load(prefix, Map.of())).hasMessage("Unknown target_metadata prefix 'sq:' in [env.production] of "
                + prefix + " (did you mean 'sql:'?); known: sql, class, jpa (and those of model sources on the class path)");
        Path none = write(head + "target_metadata = \"schema.sql\"\n");
        assertThatThrownBy(() -> load(none, Map.of())).hasMessage("target_metadata 'schema.sql' in " + none
                + " has no prefix: use sql:FILE, class:NAME or jpa:PACKAGE");
        // fine: the known prefixes (jpa's module is the run's to find), a plug-in's prefix when a classpath may
        // hold it, a url or prefix from a variable set only where it applies, and a good default
        Path ok = write(head + "target_metadata = \"JPA:com.example\"\nclasspath = [\"lib\"]\n"
                + "[env.a]\ntarget_metadata = \"class:com.example.Schema\"\n"
                + "[env.b]\ntarget_metadata = \"mine:x\"\nurl = \"${PROD_URL}\"\n"
                + "[env.c]\nurl = \"${PROD_URL:-postgresql://db/app}\"\ntarget_metadata = \"${MODEL}\"\n");
        assertThat(load(ok, Map.of()).targetMetadata()).isEqualTo("JPA:com.example");
        // a model source on Retort's own class path (ModelSourcesTest.FakeSource, listed in test resources): asked
        // through the ModelPrefixes service, since config cannot call autogenerate
        Path plugin = write(head + "target_metadata = \"fake:widgets\"\n");
        assertThat(load(plugin, Map.of()).targetMetadata()).isEqualTo("fake:widgets");
        Path badDefault = write(head + "[env.c]\nurl = \"${PROD_URL:-postgersql://db/app}\"\n");
        assertThatThrownBy(() -> load(badDefault, Map.of())).hasMessageContaining("Unsupported database URL scheme 'postgersql'");
    }

    /**
     * t68-5: a {@code ${VAR:-default}} whose variable is set takes the variable's value, and that is what the load
     * checks: the default was checked instead, refusing valid setups and passing invalid ones.
     */
    @Test
    void aSetVariableNotItsDefaultIsWhatTheLoadChecks() throws IOException {
        String head = "[retort]\nscript_location = \"m\"\n";
        Path tz = write(head + "timezone = \"${APP_TZ:-}\"\n");
        assertThat(load(tz, Map.of("APP_TZ", "UTC")).timezone()).isEqualTo("UTC");
        assertThatThrownBy(() -> load(tz, Map.of())).hasMessageContaining("is not a known time zone: ''");
        assertThatThrownBy(() -> load(tz, Map.of("APP_TZ", "Nowhere")))
                .hasMessageContaining("is not a known time zone: 'Nowhere'");
        Path ft = write(head + "file_template = \"${FT:-}\"\n");
        assertThat(load(ft, Map.of("FT", "{rev}_{slug}")).fileTemplate()).isEqualTo("{rev}_{slug}");
        Path tables = write(head + "url = \"sqlite:///vt2.db\"\nversion_table = \"${VT:-h}\"\nhistory_table = \"h\"\n");
        assertThat(load(tables, Map.of("VT", "x")).versionTable()).isEqualTo("x");
        assertThatThrownBy(() -> load(tables, Map.of())).hasMessageContaining("are both 'h'");
        assertThatThrownBy(() -> load(tables, Map.of("VT", "H"))).hasMessageContaining("are both 'H'");
        Path envTz = write(head + "[env.p]\ntimezone = \"${APP_TZ:-Nowhere}\"\n");
        assertThat(ConfigLoader.load(envTz, "p", null, null, Map.of("APP_TZ", "UTC"), Map.of()).timezone()).isEqualTo("UTC");
        // unselected, with the variable set here: checked where it applies, with the value it has there
        assertThat(load(envTz, Map.of("APP_TZ", "UTC")).timezone()).isEqualTo("UTC");
        assertThatThrownBy(() -> load(envTz, Map.of())).hasMessageContaining("not a known time zone: 'Nowhere'");
        Path url = write(head + "url = \"${DB:-postgersql://x@h/d}\"\n");
        assertThat(load(url, Map.of("DB", "sqlite:///a.db")).url()).isEqualTo("jdbc:sqlite:" + dir.resolve("a.db"));
        assertThatThrownBy(() -> load(url, Map.of())).hasMessageContaining("Unsupported database URL scheme 'postgersql'");
        Path tm = write(head + "target_metadata = \"${TM:-sq:x}\"\n");
        assertThat(load(tm, Map.of("TM", "sql:x.sql")).targetMetadata()).isEqualTo("sql:x.sql");
        assertThatThrownBy(() -> load(tm, Map.of("TM", "sq:y"))).hasMessageContaining("Unknown target_metadata prefix 'sq:'");
        // a reference is still checked for its form, whatever the variable holds
        Path bad = write(head + "[env.p]\ntimezone = \"${APP_TZ:-${X}}\"\n");
        assertThatThrownBy(() -> load(bad, Map.of("APP_TZ", "UTC"))).hasMessageContaining("malformed variable reference");
    }

    /** t68-4: url = "${VAR}" with VAR set but empty said "No database URL: set url in retort.toml", which is set. */
    @Test
    void aUrlWhoseVariableIsEmptySaysSo() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = \"${MYURL}\"\n");
        assertThatThrownBy(() -> load(f, Map.of("MYURL", "")))
                .hasMessage("url in " + f + " is empty: ${MYURL} is set but empty; set it, or give the URL with --url");
        RetortConfig waits = ConfigLoader.load(f, null, null, null, Map.of("MYURL", ""), Map.of(), Advice.COMMAND_LINE, true);
        assertThat(waits.url()).isNull();
        assertThatThrownBy(() -> waits.requireUrl("Offline mode needs a database URL to pick the SQL dialect", "x"))
                .hasMessage("Offline mode needs a database URL to pick the SQL dialect: url in " + f
                        + " is empty: ${MYURL} is set but empty; set it, or give the URL with --url");
        Path env = write("[retort]\nscript_location = \"m\"\n[env.production]\nurl = \"${DATABASE_URL}\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(env, "production", null, null, Map.of("DATABASE_URL", ""), Map.of()))
                .hasMessage("url in [env.production] of " + env + " is empty: ${DATABASE_URL} is set but empty; set it,"
                        + " or give the URL with --url");
        Path dflt = write("[retort]\nscript_location = \"m\"\nurl = \"${DB:-}\"\n");
        assertThatThrownBy(() -> load(dflt, Map.of()))
                .hasMessageContaining("is empty: ${DB:-} gives nothing (DB is not set and the default is empty)");
        // a url written empty is no url, as before
        Path none = write("[retort]\nscript_location = \"m\"\nurl = \"\"\n");
        assertThat(load(none, Map.of()).url()).isNull();
    }

    @Test
    void urlPrecedenceFlagThenRetortDatabaseUrlThenDatabaseUrlThenFile() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = \"jdbc:sqlite:file.db\"\n");
        Map<String, String> both = Map.of("RETORT_DATABASE_URL", "jdbc:h2:mem:a", "DATABASE_URL", "jdbc:h2:mem:b");
        assertThat(ConfigLoader.load(f, null, null, "jdbc:h2:mem:flag", both, Map.of()).url()).isEqualTo("jdbc:h2:mem:flag");
        assertThat(load(f, both).url()).isEqualTo("jdbc:h2:mem:a");
        assertThat(load(f, Map.of("DATABASE_URL", "jdbc:h2:mem:b")).url()).isEqualTo("jdbc:h2:mem:b");
        assertThat(load(f, Map.of()).url()).isEqualTo("jdbc:sqlite:" + dir.resolve("file.db"));
    }

    /** t77: a URL ending in a line break (a multi-line TOML string, a pasted value) is the URL without it. */
    @Test
    void aUrlIsTakenWithoutSurroundingWhitespace() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = \"\"\"\njdbc:h2:mem:x\n\"\"\"\n");
        assertThat(load(f, Map.of()).url()).isEqualTo("jdbc:h2:mem:x");
        assertThat(load(f, Map.of("DATABASE_URL", " jdbc:h2:mem:y\n")).url()).isEqualTo("jdbc:h2:mem:y");
    }

    @Test
    void anEmptyUrlFlagIsAnErrorNotTheFilesUrl() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = \"jdbc:sqlite:file.db\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, null, null, " ", Map.of(), Map.of()))
                .isInstanceOf(RetortException.class)
                .hasMessage("--url is empty (an unset variable?); give a database URL or leave --url out");
    }

    @Test
    void unknownKeyNamesKeyFileAndSuggestion() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nversion_tabel = \"x\"\n");
        assertThatThrownBy(() -> load(f, Map.of()))
                .isInstanceOf(RetortException.class)
                .hasMessage("Unknown key 'version_tabel' in [retort] of " + f.toAbsolutePath()
                        + " (did you mean 'version_table'?)");
        Path g = write("[retort]\nscript_location = \"m\"\n[tool]\nx = 1\n");
        assertThatThrownBy(() -> load(g, Map.of())).hasMessageStartingWith("Unknown key 'tool' in the top level of ");
        Path h = write("[retort]\nscript_location = \"m\"\n[env.prod]\nurll = \"x\"\n");
        assertThatThrownBy(() -> load(h, Map.of())).hasMessageStartingWith("Unknown key 'urll' in [env.prod] of ");
    }

    @Test
    void missingFileAndMissingScriptLocationAreClear() throws IOException {
        Path missing = dir.resolve("nope.toml");
        assertThatThrownBy(() -> load(missing, Map.of()))
                .hasMessageStartingWith("No configuration file at " + missing.toAbsolutePath());
        Path f = write("[retort]\nurl = \"jdbc:h2:mem:x\"\n");
        assertThatThrownBy(() -> load(f, Map.of())).hasMessage("No 'script_location' key found in [retort] of " + f.toAbsolutePath());
        Path bad = write("[retort\n");
        assertThatThrownBy(() -> load(bad, Map.of())).hasMessageStartingWith("Invalid TOML in " + bad.toAbsolutePath());
        Path typed = write("[retort]\nscript_location = \"m\"\ntruncate_slug_length = \"long\"\n");
        assertThatThrownBy(() -> load(typed, Map.of())).hasMessageContaining("'truncate_slug_length'")
                .hasMessageContaining("must be a whole number");
    }

    /** {@code url = 5} was read as the string "5" and failed later as "Not a database URL: '5'", naming no key or file. */
    @Test
    void aNumberWhereAStringBelongsIsAnError() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = 5\n");
        assertThatThrownBy(() -> load(f, Map.of())).hasMessage("'url' in " + f.toAbsolutePath() + " must be a string, not 5");
        // r7-6: an array or table is named by its type, never echoed with the password in it
        for (String value : new String[]{"[\"postgresql://u:TOMLSECRET@h/db\"]", "{a = \"jdbc:postgresql://h/db?password=TOMLSECRET\"}"}) {
            Files.writeString(f, "[retort]\nscript_location = \"migrations\"\nurl = " + value + "\n");
            assertThatThrownBy(() -> load(f, Map.of())).hasMessageStartingWith("'url' in " + f.toAbsolutePath() + " must be a string, not a")
                    .hasMessageNotContaining("TOMLSECRET");
        }
        Path b = write("[retort]\nscript_location = \"m\"\nversion_table = true\n");
        assertThatThrownBy(() -> load(b, Map.of())).hasMessageStartingWith("'version_table' in " + b.toAbsolutePath() + " must be a string");
    }

    /** t55-9: "must be a list of strings, not an array" of a value that is an array: the wrong element is named. */
    @Test
    void aListWithAWrongElementNamesTheElement() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\n[env.x]\nclasspath = [\"lib\", 1]\n");
        assertThatThrownBy(() -> load(f, Map.of())).hasMessage("'classpath' in [env.x] of " + f.toAbsolutePath()
                + " must be a list of strings; element 2 is not a string: 1");
        // a single string is a list of one, as configuration.md says
        Path one = write("[retort]\nscript_location = \"m\"\nversion_locations = \"a\"\n");
        assertThat(load(one, Map.of()).versionLocations()).containsExactly(one.toAbsolutePath().getParent().resolve("a"));
    }

    /** Numbers past an int were truncated (99999999999 became 1215752191); waits past PostgreSQL's limit are refused. */
    @Test
    void lockTimeoutOutOfRangeIsAnError() throws IOException {
        // t14-20: also a number beyond an int names lock_timeout's own limit
        Path huge = write("[retort]\nscript_location = \"m\"\nlock_timeout = 99999999999\n");
        assertThatThrownBy(() -> load(huge, Map.of()))
                .hasMessage("'lock_timeout' in " + huge.toAbsolutePath() + " must be a whole number up to 2147483, not 99999999999");
        Path long_ = write("[retort]\nscript_location = \"m\"\nlock_timeout = 3000000\n");
        assertThatThrownBy(() -> load(long_, Map.of()))
                .hasMessage("lock_timeout in " + long_.toAbsolutePath() + " must be at most 2147483 seconds (24 days; PostgreSQL's limit)");
        Path most = write("[retort]\nscript_location = \"m\"\nlock_timeout = 2147483\n");
        assertThat(load(most, Map.of()).lockTimeout()).isEqualTo(java.time.Duration.ofSeconds(2147483));
    }

    @Test
    void autogenerateFilters() throws IOException {
        RetortConfig c = load(write("""
                [retort]
                script_location = "m"
                [autogenerate]
                include = ["app_*"]
                exclude = ["app_tmp_*", "spatial_ref_sys"]
                """), Map.of());
        assertThat(c.autogenerateInclude()).containsExactly("app_*");
        assertThat(c.autogenerateExclude()).containsExactly("app_tmp_*", "spatial_ref_sys");
    }

    @Test
    void multidbSections() throws IOException {
        Path f = write("""
                [retort]
                script_location = "migrations"
                [databases.main]
                url = "sqlite:///data/main.db"
                version_locations = ["migrations/main/versions"]
                [databases.analytics]
                url = "sqlite:///data/analytics.db"
                version_locations = ["migrations/analytics/versions"]
                version_table = "analytics_version"
                [env.prod.databases.analytics]
                url = "postgresql://u:pw@h/analytics"
                """);
        RetortConfig a = ConfigLoader.load(f, null, "analytics", null, Map.of("DATABASE_URL", "jdbc:h2:mem:ignored"), Map.of());
        assertThat(a.databaseName()).isEqualTo("analytics");
        assertThat(a.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("data/analytics.db"));
        assertThat(a.versionLocations()).containsExactly(dir.resolve("migrations/analytics/versions"));
        assertThat(a.versionTable()).isEqualTo("analytics_version");
        RetortConfig prod = ConfigLoader.load(f, "prod", "analytics", null, Map.of(), Map.of());
        assertThat(prod.url()).isEqualTo("jdbc:postgresql://h/analytics?user=u&password=pw");
        RetortConfig fromEnv = ConfigLoader.load(f, null, "main", null,
                Map.of("RETORT_DATABASE_URL_MAIN", "jdbc:h2:mem:main"), Map.of());
        assertThat(fromEnv.url()).isEqualTo("jdbc:h2:mem:main");
        assertThatThrownBy(() -> load(f, Map.of()))
                .hasMessageStartingWith("This project has several databases (main, analytics in ")
                .hasMessageEndingWith("choose one with -n NAME");
        assertThatThrownBy(() -> ConfigLoader.load(f, null, "nope", null, Map.of(), Map.of()))
                .hasMessageContaining("No database section [databases.nope]").hasMessageContaining("main, analytics");
        assertThat(ConfigLoader.databaseNames(f)).containsExactly("main", "analytics");
    }

    @Test
    void passwordNeverInMessages() throws IOException {
        Path f = write("[retort]\nscript_location = \"m\"\nurl = \"oracle://scott:tiger@h/db\"\n");
        assertThatThrownBy(() -> load(f, Map.of())).hasMessageNotContaining("tiger").hasMessageContaining("scott:***@");
    }

    @Test
    void builtInCode() {
        RetortConfig c = RetortConfig.of(dir.resolve("m"), "jdbc:postgresql://h/db?user=u&password=p");
        assertThat(c.versionLocations()).containsExactly(dir.resolve("m/versions"));
        assertThat(c.displayUrl()).isEqualTo("jdbc:postgresql://h/db?user=u&password=***");
        assertThat(c.withUrl("jdbc:h2:mem:x").url()).isEqualTo("jdbc:h2:mem:x");
        assertThat(c.cacheDir()).isEqualTo(dir.resolve(".retort/cache"));
        assertThat(c.withVersionLocations(List.of(dir.resolve("v"))).versionLocations()).containsExactly(dir.resolve("v"));
    }
}
