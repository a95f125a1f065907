package dev.retort.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    /** Every command of SPEC section 5. */
    private static final String[] COMMANDS = {"init", "list-templates", "revision", "upgrade", "downgrade", "stamp",
            "current", "heads", "branches", "history", "show", "merge", "check", "edit", "graph"};

    @Test
    void versionNamesRetortAndJava() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("retort ").contains("Java 17");
    }

    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        for (String command : COMMANDS) {
            assertThat(run.out()).containsPattern("(?m)^  " + command + "\\s");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "list-templates", "revision", "upgrade", "downgrade", "stamp", "current",
            "heads", "branches", "history", "show", "merge", "check", "edit", "graph"})
    void helpCommandDescribesIt(String command) {
        CliRun run = CliRun.of("help", command);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: retort " + command);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("--no-such-option");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Missing command\nUsage: retort ");
    }

    /** t14-20: an empty -c (an unset variable in -c "$CFG") is named, as --url "" is; -x with an empty KEY is a usage error. */
    @Test
    void anEmptyConfigOrXKeyIsRefused() {
        CliRun emptyConfig = CliRun.of("-c", "", "current");
        assertThat(emptyConfig.exitCode()).isEqualTo(1);
        assertThat(emptyConfig.err()).isEqualTo("FAILED: -c is empty (an unset variable?); give a configuration file or leave -c out\n");
        // t55-9: --env "" and -n "" likewise, not "No environment [env.] in ..."
        CliRun emptyEnv = CliRun.of("--env", "", "current");
        assertThat(emptyEnv.exitCode()).isEqualTo(1);
        assertThat(emptyEnv.err()).isEqualTo("FAILED: --env is empty (an unset variable?); give an environment's name or leave --env out\n");
        assertThat(CliRun.of("-n", " ", "heads").err())
                .isEqualTo("FAILED: -n is empty (an unset variable?); give a database section's name or leave -n out\n");
        CliRun emptyKey = CliRun.of("-x", "=v", "current");
        assertThat(emptyKey.exitCode()).isEqualTo(2);
        assertThat(emptyKey.err()).startsWith("Invalid value for option '-x' (KEY=VALUE): '=v' is not KEY=VALUE");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("zzz");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown command 'zzz'\nUsage: retort").contains("  upgrade ");
        CliRun nearMiss = CliRun.of("-c", "x.toml", "histroy");
        assertThat(nearMiss.exitCode()).isEqualTo(2);
        assertThat(nearMiss.err()).startsWith("Unknown command 'histroy'\nDid you mean").contains("retort history");
        assertThat(CliRun.of("--frobnicate").err()).startsWith("Unknown option: '--frobnicate'");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        CliRun before = CliRun.of("-c", "nowhere/retort.toml", "help", "heads");
        CliRun after = CliRun.of("help", "heads", "--no-color");
        assertThat(before.exitCode()).isZero();
        assertThat(after.exitCode()).isZero();
    }

    @Test
    void globalOptionValuesReachTheCommandFromEitherSide() {
        for (CliRun run : new CliRun[]{CliRun.of("-c", "nowhere/retort.toml", "current"),
                CliRun.of("current", "-c", "nowhere/retort.toml"), CliRun.of("current", "--config=nowhere/retort.toml")}) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("No configuration file at").contains("nowhere");
        }
    }

    /**
     * t77-2: an option given twice on one side of the command name was picocli's usage error, but once on each side the
     * later copy silently won ({@code --url A upgrade --url B} migrated B). Both are now the same usage error, exit 2,
     * before anything runs; -x and -v still add up.
     */
    @Test
    void aGlobalOptionOnBothSidesOfTheCommandIsAUsageError() {
        for (String[] c : new String[][]{
                {"--url", "sqlite:///a.db", "current", "--url", "sqlite:///b.db", "option '--url' (URL)"},
                {"-c", "a/retort.toml", "heads", "-c", "b/retort.toml", "option '--config' (FILE)"},
                {"--config=a/retort.toml", "heads", "-c", "b/retort.toml", "option '--config' (FILE)"},
                {"--env", "a", "heads", "--env", "b", "option '--env' (NAME)"},
                {"-n", "a", "heads", "--name", "b", "option '--name' (SECTION)"},
                {"--json", "heads", "--json", "option '--json'"},
                {"-q", "heads", "--quiet", "option '--quiet'"}}) {
            String[] args = java.util.Arrays.copyOf(c, c.length - 1);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).startsWith(c[c.length - 1] + " should be specified only once\nUsage: retort ");
            assertThat(run.out()).isEmpty();
        }
        // the same text as picocli's own, for two copies before the command
        assertThat(CliRun.of("--url", "sqlite:///a.db", "--url", "sqlite:///b.db", "current").err())
                .startsWith("option '--url' (URL) should be specified only once\n");
        // repeatable ones are not refused
        for (String[] args : new String[][]{{"-v", "list-templates", "-v"}, {"-x", "a=1", "list-templates", "-x", "a=2"}}) {
            assertThat(CliRun.of(args).exitCode()).as(String.join(" ", args)).isZero();
        }
    }

    /** The programmatic models keep picocli's checks: required parameters, types, arity, defaults. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "downgrade|Missing required parameter: 'TARGET'",
            "stamp|Missing required parameter: 'TARGET'",
            "merge|Missing required parameter: 'REVS'",
            "init|Missing required parameter: 'DIR'",
            "show|Missing required parameter: 'REV'",
            "graph --format bad|Invalid value for option '--format': expected one of [ascii, dot, mermaid] (case-sensitive) but was 'bad'",
            "upgrade a b|Unmatched argument at index 2: 'b'",
            "history -r|Missing required parameter for option '--rev-range' (RANGE)",
            "revision --depends-on|Missing required parameter for option '--depends-on' (R)"})
    void usageErrorsOfTheCommands(String line, String message) {
        CliRun run = CliRun.of(line.split(" "));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(message + "\nUsage: retort " + line.split(" ")[0]);
    }

    @Test
    void commandNamesAreTheNamesTheyModel() {
        RetortCommand.COMMANDS.forEach(name -> {
            Object command = RetortCommand.create(name);
            String modelled = command instanceof dev.retort.cli.commands.BaseCommand c ? c.spec().name()
                    : command.getClass().getAnnotation(picocli.CommandLine.Command.class).name();
            assertThat(modelled).isEqualTo(name);
        });
        assertThat(RetortCommand.COMMANDS).hasSize(16).doesNotHaveDuplicates();
    }

    @Test
    void onlyTheNamedCommandIsModelled() {
        assertThat(Main.commandsFor(new String[]{"-c", "x.toml", "--url", "sqlite://", "current", "-v"}))
                .containsExactly("current");
        assertThat(Main.commandsFor(new String[]{"-x", "a=b", "upgrade"}))
                .containsExactly("upgrade");
        assertThat(Main.commandsFor(new String[]{"help", "current"})).hasSize(16);
        assertThat(Main.commandsFor(new String[]{"--help"})).hasSize(16);
        assertThat(Main.commandsFor(new String[]{"frobnicate"})).hasSize(16);
        assertThat(Main.commandsFor(new String[]{"--version"})).isEmpty();
        assertThat(Main.commandsFor(new String[]{"--version", "--help"})).hasSize(16);
    }

    @Test
    void verboseTwiceAlsoShowsLibrariesLogLines() {
        try {
            CliRun.of("-v", "list-templates");
            assertThat(dev.retort.cli.log.ConsoleLog.verbosity()).isEqualTo(2);
            CliRun.of("list-templates", "-vv");
            assertThat(dev.retort.cli.log.ConsoleLog.verbosity()).isEqualTo(3);
            CliRun.of("list-templates");
            assertThat(dev.retort.cli.log.ConsoleLog.verbosity()).isEqualTo(1);
        } finally {
            dev.retort.cli.log.ConsoleLog.configure(1, false, System.err);
        }
    }

    /** -x takes KEY=VALUE (the value may hold '=' or be empty); anything else is a usage error in plain words (t12-3). */
    @Test
    void xValuesAndTheirUsageError() {
        RetortCommand root = new RetortCommand(System.out, System.err, null);
        root.commandLine(java.util.List.of("current")).parseArgs("-x", "a=b=c", "-x", "k=", "-x", "a=d", "current");
        assertThat(root.global.x()).containsExactly(java.util.Map.entry("a", "d"), java.util.Map.entry("k", ""));
        // -x before and after the command name add up, the later one of a key winning
        RetortCommand both = new RetortCommand(System.out, System.err, null);
        both.commandLine(java.util.List.of("current")).parseArgs("-x", "a=1", "-x", "k=v", "current", "-x", "b=2", "-x", "a=3");
        assertThat(both.global.x()).containsExactly(java.util.Map.entry("a", "3"), java.util.Map.entry("k", "v"),
                java.util.Map.entry("b", "2"));
        CliRun run = CliRun.of("-x", "novalue", "current");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '-x' (KEY=VALUE): 'novalue' is not KEY=VALUE\n")
                .doesNotContain("option option");
        // the usage of retort itself lists every command, though only 'current' was modelled for the run
        for (String command : COMMANDS) assertThat(run.err()).containsPattern("(?m)^  " + command + "\\s");
    }

    /** Each command's help says what its options do there (t12-3). */
    @Test
    void helpTextsMatchTheCommand() {
        assertThat(CliRun.of("help", "upgrade").out()).doesNotContain("downgrade requires")
                .contains("TARGET may then be FROM:TO.");
        assertThat(CliRun.of("help", "downgrade").out()).contains("TARGET must then be FROM:TO.");
        String stamp = CliRun.of("help", "stamp").out();
        assertThat(stamp).doesNotContain("downgrade requires").contains("all from the same FROM");
        assertThat(stamp.replaceAll("\\s+", " ")).contains("the steps of a real upgrade/downgrade/stamp run")
                .contains("the new file of revision and merge").contains("{\"error\": ...} when the command fails");
        assertThat(CliRun.of("help", "show").out()).containsPattern("(?m)^\\s+REV\\s+An id, a prefix");
    }

    /** t15-8: a write error on stdout (a full disk under `upgrade --sql > script.sql`) fails the run with its reason. */
    @Test
    void aWriteErrorOnStdoutFailsTheRun() {
        java.io.OutputStream fullDisk = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[]{"--version"}, Stdout.over(fullDisk),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("FAILED: cannot write the output: No space left on device\n");
        // a reader that went away (| head -1) is no error
        java.io.OutputStream closedPipe = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        assertThat(Main.run(new String[]{"--version"}, Stdout.over(closedPipe), new java.io.PrintStream(err))).isZero();
    }
}
