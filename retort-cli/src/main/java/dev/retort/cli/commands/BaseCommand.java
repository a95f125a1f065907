package dev.retort.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.retort.cli.GlobalOptions;
import dev.retort.cli.RetortCommand;
import dev.retort.config.Advice;
import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.runtime.ConnectionHeadStart;
import dev.retort.runtime.Retort;
import dev.retort.script.RevisionFormat;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Shared plumbing of commands: the picocli model, global options, config, scripts, output. Each command
 * declares its options in its constructor and stays a few lines.
 * <p>
 * The model is built with picocli's programmatic API rather than from annotations: a command is modelled
 * on every run, and reflecting on an annotated class (its fields, and a proxy class per annotation type)
 * cost a cold JVM about 30 ms per command, as much as the rest of picocli.
 */
public abstract class BaseCommand implements Callable<Integer> {
    protected final CommandSpec spec;
    private RetortCommand root;

    private RetortConfig config;
    private ScriptDirectory scripts;

    protected BaseCommand(String name, String description) {
        spec = CommandSpec.wrapWithoutInspection(this).name(name);
        spec.usageMessage().description(description);
        addStandardHelp(spec);
    }

    /** {@code -h/--help} and {@code -V/--version}: what mixinStandardHelpOptions adds, without its reflection. */
    public static void addStandardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** The model picocli parses with; the command reads the values back from its option specs. */
    public CommandSpec spec() {
        return spec;
    }

    /** Called once when the command is added under {@code retort}. */
    public void attach(RetortCommand root) {
        this.root = root;
    }

    /** A flag (no value). */
    protected OptionSpec flag(String description, String... names) {
        OptionSpec o = OptionSpec.builder(names).description(description).build();
        spec.addOption(o);
        return o;
    }

    /** An option taking one value of {@code type}; {@code defaultValue} may be null. */
    protected OptionSpec option(Class<?> type, String label, String defaultValue, String description, String... names) {
        OptionSpec o = OptionSpec.builder(names).type(type).paramLabel(label).defaultValue(defaultValue)
                .description(description).build();
        spec.addOption(o);
        return o;
    }

    /** A repeatable option collecting strings; {@code split} (a regex) may be null. */
    protected OptionSpec repeatable(String label, String split, String description, String... names) {
        OptionSpec.Builder b = OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class).paramLabel(label)
                .description(description);
        if (split != null) b.splitRegex(split);
        OptionSpec o = b.build();
        spec.addOption(o);
        return o;
    }

    /** A positional parameter; {@code index} null for "all of them" ({@code arity} 1..*), {@code defaultValue} may be null. */
    protected PositionalParamSpec positional(Class<?> type, String index, String arity, String label, String defaultValue,
                                             String description) {
        PositionalParamSpec.Builder b = PositionalParamSpec.builder().paramLabel(label).arity(arity).defaultValue(defaultValue)
                .required(!arity.startsWith("0")); // as picocli derives it for annotated parameters
        if (List.class.equals(type)) b.type(List.class).auxiliaryTypes(String.class);
        else b.type(type);
        if (index != null) b.index(index);
        if (description != null) b.description(description);
        PositionalParamSpec p = b.build();
        spec.addPositional(p);
        return p;
    }

    /** Whether a flag was given. */
    public static boolean isSet(OptionSpec flag) {
        Boolean b = flag.getValue();
        return b != null && b;
    }

    /** A repeatable option's or a positional list's values (empty when not given). */
    protected static List<String> values(ArgSpec arg) {
        List<String> v = arg.getValue();
        return v == null ? List.of() : v;
    }

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
            // an unset ${VAR} in url fails only what needs the URL: heads, history or revision never connect (t23-6)
            config = ConfigLoader.load(g.config(), g.env(), g.name(), g.url(), System.getenv(), g.x(),
                    Advice.COMMAND_LINE, true);
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
        printJson(out(), value);
        root.printedJson();
    }

    /** Writes {@code value} as pretty JSON, as every command's {@code --json} answer is written. */
    public static void printJson(PrintStream out, Object value) {
        // not after an interrupt's document: stdout holds one (t47-1)
        dev.retort.cli.Interrupts.printJson(new Println(out, jsonText(value)));
    }

    /** {@code value} as pretty JSON. */
    public static String jsonText(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A named class: lambdas are spun on every start and kept out of the class-data archive. */
    private record Println(PrintStream out, String text) implements Runnable {
        @Override
        public void run() {
            out.println(text);
        }
    }

    /**
     * What revision and merge print for the file they wrote: Alembic's "Generating ... done" (not with -q, as in
     * Alembic), or JSON (also with -q: it is the result, and what a script reads the new file's path from).
     */
    protected void reportGenerated(RevisionGenerator.Generated g) {
        if (json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("revision", g.id());
            m.put("revises", g.revises());
            m.put("path", g.path().toString());
            printJson(m);
        } else if (!global().quiet()) {
            out().println("Generating " + g.path() + " ...  done");
        }
    }

    /** Text/JSON formatting of revisions over the project's graph; {@code current} null unless asked for. */
    protected RevisionFormat revisionFormat(Set<String> current) {
        return new RevisionFormat(scripts().graph(), scripts(), current);
    }

    /** The runtime for this command's configuration and scripts, with the connection opened ahead if any. */
    public Retort retort() {
        Retort retort = Retort.of(config(), this::scripts);
        ConnectionHeadStart headStart = root.takeHeadStart();
        Retort made = headStart == null ? retort : retort.withHeadStart(headStart);
        dev.retort.cli.Interrupts.reads(new CancelReads(made));
        return made;
    }

    /** A Retort's cancel() for the interrupt hook (named, not a lambda: kept in the class-data archive). */
    private record CancelReads(Retort retort) implements Runnable {
        @Override
        public void run() {
            retort.cancel();
        }
    }

    /** The database's current revisions (the version table's rows); connects, creates nothing. */
    protected Set<String> databaseCurrent() {
        return retort().current();
    }

    /**
     * Whether a target or range ({@code A:B}) needs the database's current rows to be resolved: a side that is
     * {@code current}, {@code current±N} or {@code +N}/{@code -N}/{@code label@-N}, as the graph reads it. Not a
     * name that merely contains the word ({@code concurrent_idx}): that connected show/history/edit (t70-1).
     */
    boolean readsTheDatabase(String target) {
        if (target == null) return false;
        for (String side : target.split(":", -1)) {
            if (!side.isBlank() && scripts().graph().readsDatabase(side)) return true;
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
