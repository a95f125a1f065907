package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.TargetMetadata;
import dev.retort.dialect.Dialect;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Resolves {@code target_metadata} to a model: the built-in sources, then any found by ServiceLoader. */
public final class ModelSources {
    private ModelSources() {
    }

    public static SchemaModel load(String targetMetadata, ModelContext context) {
        if (targetMetadata == null || targetMetadata.isBlank()) {
            throw new RetortException("No target_metadata in " + where(context)
                    + ": set it to sql:FILE, class:NAME or jpa:PACKAGE to compare a model with the database");
        }
        TargetMetadata parsed = TargetMetadata.parse(targetMetadata, where(context));
        ModelSource source = find(parsed.scheme(), context.classLoader());
        SchemaModel model;
        try {
            model = source.load(parsed.argument(), context);
        } catch (RetortException e) {
            throw e;
        } catch (Exception e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            throw new RetortException("Cannot load the model from target_metadata '" + targetMetadata + "': "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
        requireNamesFit(model, context.dialect(), targetMetadata);
        return model;
    }

    /**
     * t71-4: a name the engine cannot hold is refused before anything is compared or written. PostgreSQL cuts a name
     * over 63 bytes short without a word, so the revision ran, and every later comparison saw another table (a drop
     * and a create: data loss) or column, or two names sharing their first 63 bytes collided; MariaDB refused the
     * statement halfway through the revision. Names a dialect makes up are not the model's and are not checked.
     */
    static void requireNamesFit(SchemaModel model, Dialect dialect, String targetMetadata) {
        if (dialect == null || model == null) return;
        List<String> problems = new ArrayList<>();
        for (Table t : model.tables()) {
            nameFits(dialect, "schema", t.schema(), "", problems);
            nameFits(dialect, "table", t.name(), "", problems);
            String of = " (table " + t.name() + ")";
            for (Column c : t.columns()) nameFits(dialect, "column", c.name(), of, problems);
            if (t.primaryKey() != null) nameFits(dialect, "primary key", t.primaryKey().name(), of, problems);
            for (ForeignKey fk : t.foreignKeys()) nameFits(dialect, "foreign key", fk.name(), of, problems);
            for (UniqueConstraint u : t.uniqueConstraints()) nameFits(dialect, "unique constraint", u.name(), of, problems);
            for (CheckConstraint c : t.checkConstraints()) nameFits(dialect, "check constraint", c.name(), of, problems);
            for (Index ix : t.indexes()) nameFits(dialect, "index", ix.name(), of, problems);
        }
        for (Sequence s : model.sequences()) nameFits(dialect, "sequence", s.name(), "", problems);
        for (EnumType e : model.enums()) nameFits(dialect, "enum type", e.name(), "", problems);
        if (!problems.isEmpty()) {
            throw new RetortException("target_metadata '" + targetMetadata + "' names what " + dialect.displayName()
                    + " cannot hold, so a revision would not create the model's names (shorten them):\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private static void nameFits(Dialect dialect, String what, String name, String where, List<String> problems) {
        String problem = name == null ? null : dialect.nameProblem(name);
        if (problem != null) problems.add(what + " " + name + where + ": " + problem);
    }

    /**
     * Whether a model source on {@code loader}'s class path (or built in) handles {@code scheme}: for the check of
     * retort.toml at load (through {@link ModelSourcePrefixes}), which cannot see the sources of its configured
     * {@code classpath} (built later, if at all).
     */
    static boolean handles(String scheme, ClassLoader loader) {
        try {
            find(scheme, loader);
            return true;
        } catch (RetortException e) {
            return false;
        }
    }

    static ModelSource find(String scheme, ClassLoader loader) {
        List<ModelSource> all = new ArrayList<>(List.of(new SqlFileModelSource(), new ClassModelSource()));
        ServiceLoader.load(ModelSource.class, loader).forEach(all::add);
        List<String> known = new ArrayList<>();
        for (ModelSource s : all) {
            if (s.scheme().equalsIgnoreCase(scheme)) return s;
            known.add(s.scheme());
        }
        String hint = scheme.equals("jpa") ? " (jpa: needs the retort-jpa module on the class path)" : "";
        throw new RetortException("Unknown target_metadata prefix '" + scheme + ":'" + hint + "; known: "
                + String.join(", ", known));
    }

    private static String where(ModelContext context) {
        return context.config() != null && context.config().file() != null ? context.config().file().toString() : "the configuration";
    }
}
