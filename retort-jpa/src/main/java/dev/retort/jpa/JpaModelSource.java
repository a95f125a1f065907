package dev.retort.jpa;

import dev.retort.RetortException;
import dev.retort.autogenerate.ModelContext;
import dev.retort.autogenerate.ModelSource;
import dev.retort.dialect.Feature;
import dev.retort.schema.SchemaModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code target_metadata = "jpa:com.example.entities"}: the classes annotated {@code @jakarta.persistence.Entity}
 * in that package and its sub-packages (several packages: {@code jpa:com.a,com.b}), found on the model class
 * loader (the application's class path and the {@code classpath} of retort.toml), read by reflection. No
 * persistence provider runs. Options after {@code ?}: {@code naming=jpa} (the default: names as written) or
 * {@code naming=snake_case} (Spring Boot's physical naming). See docs/autogenerate.md for what is mapped.
 */
public final class JpaModelSource implements ModelSource {
    private static final Logger LOG = LoggerFactory.getLogger(JpaModelSource.class);

    @Override
    public String scheme() {
        return "jpa";
    }

    @Override
    public SchemaModel load(String argument, ModelContext context) throws Exception {
        Options options = Options.parse(argument);
        Connection connection = context.connection();
        Naming naming = new Naming(options.naming(), foldsCase(connection));
        List<Class<?>> scanned = new ArrayList<>();
        List<Class<?>> entities = new ArrayList<>();
        ClassLoader loader = context.classLoader() != null ? context.classLoader() : JpaModelSource.class.getClassLoader();
        for (String pkg : options.packages()) {
            Set<String> names = PackageScanner.classNames(pkg, loader);
            if (names.isEmpty()) {
                throw new RetortException("Package " + pkg + " (target_metadata jpa:" + argument + ") has no classes on the class path"
                        + classpathHint(context));
            }
            int before = entities.size();
            List<String> javaxEntities = new ArrayList<>();
            for (String name : names) {
                Class<?> c = load(name, loader);
                if (c == null) continue;
                scanned.add(c);
                if (c.isAnnotationPresent(jakarta.persistence.Entity.class)) {
                    entities.add(c);
                } else if (annotatedByName(c, "jakarta.persistence.Entity")) {
                    throw new RetortException("Entity class " + name + " is annotated with a different copy of jakarta.persistence "
                            + "than Retort's (loaded by another class loader); leave jakarta.persistence-api out of 'classpath'");
                } else if (PackageScanner.mentions(name, loader, "Ljavax/persistence/Entity;")) {
                    javaxEntities.add(name);
                }
            }
            if (entities.size() > before && !javaxEntities.isEmpty()) {
                // half-way through a javax-to-jakarta migration: a forgotten class would drop out of the model (and its table be dropped)
                LOG.warn("Package {} (target_metadata jpa:{}): {} class(es) annotated @javax.persistence.Entity (JPA 2) are not part "
                        + "of the model, since Retort reads jakarta.persistence: {}; move them to jakarta.persistence, or the next "
                        + "revision drops their tables", pkg, argument, javaxEntities.size(), String.join(", ", javaxEntities));
            }
            if (entities.size() == before) {
                boolean javax = names.stream().anyMatch(n -> PackageScanner.mentions(n, loader, "Ljavax/persistence/Entity;"));
                throw new RetortException("Package " + pkg + " (target_metadata jpa:" + argument + ") holds " + names.size()
                        + " class(es) but no @jakarta.persistence.Entity" + (javax
                        ? "; its classes use javax.persistence (JPA 2), and Retort reads jakarta.persistence (JPA 3 and later)"
                        : ""));
            }
        }
        OptionalAnnotations.warnMissing(modelClassNames(scanned), loader);
        EntityMapper mapper = new EntityMapper(naming, scanned, context.dialect().supports(Feature.SEQUENCES),
                (schema, where) -> checkSchema(schema, where, connection), context.dialect().name(),
                TypeMapping.uuidType(context.dialect().name(), connection));
        SchemaModel model;
        try {
            model = mapper.map(entities);
        } catch (LinkageError e) {
            throw new RetortException("Cannot read the entities of target_metadata jpa:" + argument + ": " + e
                    + " (add the jar that holds it to 'classpath' in retort.toml)", e);
        }
        LOG.debug("jpa:{}: {} entities, {} tables, {} sequences", argument, entities.size(), model.tables().size(),
                model.sequences().size());
        return model;
    }

    /** The parsed argument: packages and the naming strategy. */
    record Options(List<String> packages, Naming.Strategy naming) {
        static Options parse(String argument) {
            String arg = argument.strip();
            String query = "";
            int q = arg.indexOf('?');
            if (q >= 0) {
                query = arg.substring(q + 1);
                arg = arg.substring(0, q);
            }
            Set<String> packages = new LinkedHashSet<>();
            for (String p : arg.split(",")) {
                String pkg = p.strip();
                if (pkg.isEmpty()) continue;
                if (!pkg.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
                    throw new RetortException("target_metadata jpa:" + argument + ": '" + pkg + "' is not a Java package name");
                }
                packages.add(pkg);
            }
            if (packages.isEmpty()) {
                throw new RetortException("target_metadata jpa: names no package; write jpa:com.example.entities");
            }
            Naming.Strategy naming = Naming.Strategy.JPA;
            for (String pair : query.split("&")) {
                if (pair.isBlank()) continue;
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
                String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
                if (key.equals("naming")) {
                    naming = Naming.Strategy.parse(value);
                } else {
                    throw new RetortException("Unknown option '" + key + "' in target_metadata jpa:" + argument + "; known: naming");
                }
            }
            return new Options(List.copyOf(packages), naming);
        }
    }

    /**
     * The class, its field types resolved (so that a missing one is reported here, naming the class); null
     * for a class of the package that cannot be loaded and is no entity (a service needing jars Retort
     * does not have, say).
     */
    private static Class<?> load(String name, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(name, false, loader);
            c.getDeclaredFields();
            return c;
        } catch (ClassNotFoundException | LinkageError e) {
            if (!PackageScanner.mentions(name, loader, "Ljakarta/persistence/Entity;")) {
                LOG.debug("jpa: skipping {}, which cannot be loaded: {}", name, e.toString());
                return null;
            }
            if (e instanceof UnsupportedClassVersionError) {
                throw new RetortException("Cannot load entity class " + name + ": it was compiled for a newer Java than the one "
                        + "running Retort (Java " + Runtime.version().feature() + "): run Retort on a JDK at least as new as the "
                        + "compiler's (set JAVA_HOME), or compile the entities with --release " + Runtime.version().feature()
                        + " (" + e.getMessage() + ")", e);
            }
            throw new RetortException("Cannot load entity class " + name + ": " + e
                    + " (add the jars it needs to 'classpath' in retort.toml)", e);
        }
    }

    /** The scanned classes and their superclasses (a mapped superclass may live in another package). */
    private static Set<String> modelClassNames(List<Class<?>> scanned) {
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> c : scanned) {
            for (Class<?> s = c; s != null && s != Object.class && !s.getName().startsWith("java."); s = s.getSuperclass()) {
                names.add(s.getName());
            }
        }
        return names;
    }

    private static boolean annotatedByName(Class<?> c, String annotation) {
        for (java.lang.annotation.Annotation a : c.getAnnotations()) {
            if (a.annotationType().getName().equals(annotation)) return true;
        }
        return false;
    }

    /**
     * PostgreSQL folds unquoted names to lower case and H2 to upper case (which Retort reads back in lower
     * case); the application's unquoted SQL then uses the lower-case table. Asked of the driver, not the dialect.
     */
    private static boolean foldsCase(Connection c) {
        if (c == null) return false;
        try {
            DatabaseMetaData md = c.getMetaData();
            return md.storesLowerCaseIdentifiers() || md.storesUpperCaseIdentifiers();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Retort compares one schema, the connection's own (where the revisions write). Others are refused. */
    private static void checkSchema(String schema, String where, Connection c) {
        List<String> accepted = new ArrayList<>();
        if (c != null) {
            try {
                if (c.getSchema() != null) accepted.add(c.getSchema());
                if (c.getCatalog() != null) accepted.add(c.getCatalog());
            } catch (SQLException | AbstractMethodError ignored) {
                // no current schema to compare with
            }
        }
        for (String a : accepted) if (a.equalsIgnoreCase(schema)) return;
        throw new RetortException("JPA mapping of " + where + ": schema '" + schema + "' is not the one Retort compares ("
                + (accepted.isEmpty() ? "the connection's default" : String.join(" / ", accepted).toLowerCase(Locale.ROOT) + "")
                + "); Retort autogenerates one schema per retort.toml, the connection's own "
                + "(choose it in the URL, e.g. currentSchema=... on PostgreSQL), "
                + "so entities of another schema belong in another project");
    }

    private static String classpathHint(ModelContext context) {
        if (context.config() == null || context.config().classpath().isEmpty()) {
            return " (compile the entities and list their folder or jar in 'classpath' in retort.toml)";
        }
        // t63-3: the likeliest cause then, a build folder mixed up (build/classes/java/main for target/classes)
        List<java.nio.file.Path> missing = context.config().classpath().stream().map(context.config().baseDir()::resolve)
                .filter(p -> !java.nio.file.Files.exists(p)).toList();
        return " (retort.toml 'classpath' is " + context.config().classpath() + (missing.isEmpty() ? ""
                : ", and " + missing.stream().map(java.nio.file.Path::toString).collect(java.util.stream.Collectors.joining(", "))
                + (missing.size() == 1 ? " does" : " do") + " not exist") + ")";
    }
}
