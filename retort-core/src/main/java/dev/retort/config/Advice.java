package dev.retort.config;

/**
 * How the reader of a message sets what the message asks for: on the command line (its flags and
 * retort.toml) or through the library's builder. One message serves both callers; only its advice
 * differs, so the library never tells an application to pass {@code --url}.
 *
 * @param url         how to give a database URL, completing "No database URL: "
 * @param urlOption   the name of the URL that overrides the file's ("--url")
 * @param offline     the name of offline mode ("--sql")
 * @param offlineUrl  how to give offline mode the URL that picks its SQL dialect
 * @param database    how to choose a database section of a multidb project
 * @param lockTimeout what to raise to wait longer for another run's lock
 * @param cancelled   why a run did not start after a cancel (Ctrl-C on the command line, {@code cancel()} in an application)
 * @param commandLine whether the reader uses the command line (its commands) or the library (the facade's methods)
 */
public record Advice(String url, String urlOption, String offline, String offlineUrl, String database,
                     String lockTimeout, String cancelled, boolean commandLine) {
    public static final Advice COMMAND_LINE = new Advice(
            "set url in retort.toml, RETORT_DATABASE_URL or DATABASE_URL, or pass --url", "--url", "--sql",
            "set url in retort.toml or pass --url, e.g. --url postgresql://host/db", "choose one with -n NAME",
            "lock_timeout in retort.toml", "The run was cancelled (interrupted) before it started", true);

    /** For the library's builder; {@code withFile}: a retort.toml is loaded (its url and the environment count). */
    public static Advice library(boolean withFile) {
        return new Advice(
                "give the builder .url(...) or .dataSource(...)"
                        + (withFile ? ", or set url in the config file, RETORT_DATABASE_URL or DATABASE_URL" : ""),
                "the builder's .url(...)", "sql(...)",
                "give the builder .url(...), e.g. .url(\"postgresql://host/db\"); with a DataSource it only picks the dialect",
                "choose one with the builder's .database(NAME)",
                "the lock timeout (the builder's .lockTimeout(...)" + (withFile ? " or lock_timeout in the config file" : "") + ")",
                "This Retort was cancelled (its cancel() was called) and starts no new run: build a new Retort to run"
                        + " again", false);
    }

    /**
     * This advice naming where the lock timeout of {@code config} comes from, to raise it there (t26-5): the builder's
     * {@code .lockTimeout(...)} when {@code fromBuilder}, else the table of the config file that sets
     * {@code lock_timeout} ({@code [env.ci] of /app/retort.toml}), else where it would go.
     */
    public Advice withLockTimeoutOf(RetortConfig config, boolean fromBuilder) {
        String builder = "the builder's .lockTimeout(...)";
        String in = config.file() == null ? null : "lock_timeout in "
                + (config.lockTimeoutSetIn() != null ? config.lockTimeoutSetIn() : "[retort]") + " of " + config.file();
        String words;
        if (commandLine) {
            words = in != null ? in : lockTimeout;
        } else {
            words = "the lock timeout (" + (fromBuilder || in == null ? builder
                    : config.lockTimeoutSetIn() != null ? in : builder + " or " + in) + ")";
        }
        return new Advice(url, urlOption, offline, offlineUrl, database, words, cancelled, commandLine);
    }

    /**
     * How to record {@code revisions} in the version table without running them: {@code 'retort stamp --purge a b'}
     * on the command line, {@code stamp("a", true)} (several: {@code stamp(List.of("a", "b"), true, null)}) in an
     * application. {@code revisions} may be a placeholder such as {@code <rev>}.
     */
    public String stamp(java.util.List<String> revisions, boolean purge) {
        if (commandLine) return "'retort stamp " + (purge ? "--purge " : "") + String.join(" ", revisions) + "'";
        java.util.List<String> quoted = revisions.stream().map(r -> "\"" + r + "\"").toList();
        return revisions.size() == 1 ? "stamp(" + quoted.get(0) + ", " + purge + ")"
                : "stamp(List.of(" + String.join(", ", quoted) + "), " + purge + ", null)";
    }

    /**
     * How to run {@code command} ("upgrade", "downgrade") to {@code target}: {@code 'retort downgrade a1'} on the
     * command line, {@code downgrade("a1")} in an application.
     */
    public String run(String command, String target) {
        return commandLine ? "'retort " + command + " " + target + "'" : command + "(\"" + target + "\")";
    }

    /** How to see the version table's rows: {@code 'retort current'}, or the facade's {@code current()}. */
    public String current() {
        return commandLine ? "'retort current'" : "current()";
    }

    /** What to do when the configuration file does not exist, completing "No configuration file at X; ". */
    public String missingConfigFile() {
        return commandLine ? "create a project with 'retort init DIR' or point to one with -c FILE"
                : "give the builder an existing retort.toml with .config(Path), or the revisions' folder with"
                + " .scriptLocation(Path) and no file";
    }
}
