package dev.retort.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.retort.cli.GlobalOptions;
import dev.retort.cli.RetortCommand;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.runtime.Retort;
import dev.retort.script.RevisionFormat;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** Shared plumbing of commands: global options, config, scripts, output. Each command stays a few lines. */
public abstract class BaseCommand implements Callable<Integer> {
    @ParentCommand
    protected RetortCommand root;

    private RetortConfig config;
    private ScriptDirectory scripts;

    protected GlobalOptions global() {
        return root.global;
    }

    protected PrintStream out() {
        return root.out();
    }

    protected PrintStream err() {
        return root.err();
    }

    protected RetortConfig config() {
        if (config == null) {
            GlobalOptions g = global();
            config = ConfigLoader.load(g.config(), g.env(), g.name(), g.url(), System.getenv(), g.x());
        }
        return config;
    }

    protected ScriptDirectory scripts() {
        if (scripts == null) scripts = ScriptDirectory.load(config());
        return scripts;
    }

    protected boolean json() {
        return global().json();
    }

    /** Writes {@code value} as pretty JSON on stdout. */
    protected void printJson(Object value) {
        try {
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What revision and merge print for the file they wrote: Alembic's "Generating ... done", or JSON. */
    protected void reportGenerated(RevisionGenerator.Generated g) {
        if (json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("revision", g.id());
            m.put("revises", g.revises());
            m.put("path", g.path().toString());
            printJson(m);
        } else {
            out().println("Generating " + g.path() + " ...  done");
        }
    }

    /** Text/JSON formatting of revisions over the project's graph; {@code current} null unless asked for. */
    protected RevisionFormat revisionFormat(Set<String> current) {
        return new RevisionFormat(scripts().graph(), scripts(), current);
    }

    /** The database's current revisions (the version table's rows); connects, creates nothing. */
    protected Set<String> databaseCurrent() {
        return Retort.of(config(), this::scripts).current();
    }

    /** {@code +N}/{@code -N} (also {@code label@-N}) count from the database's current rows, as {@code current} does. */
    private static final Pattern FROM_CURRENT = Pattern.compile("(^|@)[+-]\\d+$");

    /** Whether a target or range ({@code A:B}) needs the database's current rows to be resolved. */
    static boolean readsTheDatabase(String target) {
        if (target == null) return false;
        if (target.contains("current")) return true;
        for (String side : target.split(":", -1)) {
            if (FROM_CURRENT.matcher(side.strip()).find()) return true;
        }
        return false;
    }

    /** The database's current rows if {@code target} refers to them, else none (and no connection). */
    protected Set<String> currentIfReferenced(String target) {
        return readsTheDatabase(target) ? databaseCurrent() : Set.of();
    }

    /** The clock new revisions are dated with. */
    protected Clock clock() {
        return Clock.systemUTC();
    }
}
