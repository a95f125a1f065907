package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.config.TargetMetadata;
import dev.retort.schema.SchemaModel;

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
        try {
            return source.load(parsed.argument(), context);
        } catch (RetortException e) {
            throw e;
        } catch (Exception e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            throw new RetortException("Cannot load the model from target_metadata '" + targetMetadata + "': "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
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
