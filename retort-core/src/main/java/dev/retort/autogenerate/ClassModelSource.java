package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.dialect.Feature;
import dev.retort.schema.SchemaModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * {@code class:com.example.Schema}: a class on the class path (the application's, or the configured
 * {@code classpath}) that implements {@link ModelDefinition} or has a public static
 * {@code SchemaModel model()} method; or {@code class:model/Schema.java}, a source file Retort compiles.
 */
final class ClassModelSource implements ModelSource {
    private static final Logger LOG = LoggerFactory.getLogger(ClassModelSource.class);

    @Override
    public String scheme() {
        return "class";
    }

    @Override
    public SchemaModel load(String className, ModelContext context) throws Exception {
        SchemaModel model = className.endsWith(".java") ? fromSource(className, context) : instantiate(className, context.classLoader());
        requireComparedSchema(model, context, "class:" + className);
        ModelConsistency.require(model, context, "class:" + className);
        model = tableCollations(model, context, "class:" + className);
        return withoutSequencesWhereNone(model, context, "class:" + className);
    }

    /**
     * A table's collation ({@code t.collation("utf8mb4_bin")}, f3-2) as the database is read: MariaDB names a table's
     * collation only where it is not the database's default, so a model table naming the default is taken as one
     * without (else it would be reported as drift for ever), unless the table has another collation in the
     * database, which is then drift. Other engines have no table collations: a model naming
     * some is told so, once, and they are left out.
     */
    static SchemaModel tableCollations(SchemaModel model, ModelContext context, String source) throws java.sql.SQLException {
        if (model.tables().stream().allMatch(t -> t.collation() == null) || context.dialect() == null) return model;
        if (!context.dialect().name().equals("mariadb")) {
            LOG.warn("{}: table collations (tables {}) are MariaDB's and MySQL's; {} has none, so they are left out", source,
                    model.tables().stream().filter(t -> t.collation() != null).map(dev.retort.schema.Table::name).toList(),
                    context.dialect().name());
            return new SchemaModel(model.tables().stream().map(t -> t.withCollation(null)).toList(), model.sequences(),
                    model.enums(), model.collationsKnown());
        }
        if (context.connection() == null) return model;
        String databaseDefault = DatabaseCollation.defaultOf(context.connection());
        if (databaseDefault == null) return model;
        // t64-3: a named default is compared with the table's effective collation, so it is kept where the table
        // has another (else a utf8mb4_bin table passed check against a model naming the default)
        java.util.Map<String, String> live = new java.util.HashMap<>();
        try (java.sql.Statement s = context.connection().createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            while (rs.next()) live.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
        }
        String d = databaseDefault;
        return new SchemaModel(model.tables().stream().map(t -> t.collation() != null && t.collation().equalsIgnoreCase(d)
                && effective(live.get(t.name().toLowerCase(java.util.Locale.ROOT)), d).equalsIgnoreCase(d)
                ? t.withCollation(null) : t).toList(), model.sequences(), model.enums(), model.collationsKnown());
    }

    /** A live table's collation, the database default where it has none of its own or does not exist yet. */
    private static String effective(String tableCollation, String databaseDefault) {
        return tableCollation == null ? databaseDefault : tableCollation;
    }

    /**
     * A database without sequences (SQLite) cannot create the model's: they are left out with a warning, as
     * the jpa: source leaves them out, rather than written into a revision that fails at upgrade.
     */
    private static SchemaModel withoutSequencesWhereNone(SchemaModel model, ModelContext context, String source) {
        if (model.sequences().isEmpty() || context.dialect() == null || context.dialect().supports(Feature.SEQUENCES)) return model;
        LOG.warn("{}: this database has no sequences, so the model's sequence(s) {} are left out of the comparison and of "
                + "any revision", source, model.sequences().stream().map(dev.retort.schema.Sequence::name).toList());
        return new SchemaModel(model.tables(), java.util.List.of(), model.enums());
    }

    /**
     * Autogenerate reflects and compares one schema, the connection's own (where the revisions write):
     * a model table placed in another was created as "schema.table" without its schema and then reported as
     * missing after every upgrade. Refused up front instead, naming the table.
     */
    static void requireComparedSchema(SchemaModel model, ModelContext context, String source) throws java.sql.SQLException {
        String compared = null;
        if (context.connection() != null) {
            compared = context.connection().getSchema() != null ? context.connection().getSchema() : context.connection().getCatalog();
        }
        if (compared == null) return;
        for (dev.retort.schema.Table t : model.tables()) {
            if (t.schema() != null && !t.schema().isEmpty() && !t.schema().equalsIgnoreCase(compared)) {
                throw new RetortException(source + ": table " + t.schema() + "." + t.name() + " is in schema '" + t.schema()
                        + "', but autogenerate compares one schema, '" + compared + "' (the connection's own, where the "
                        + "revisions write): put the table there, or leave it out of the model");
            }
        }
    }

    /**
     * {@code class:model/Schema.java}: a source file compiled with the JDK's compiler, as Java revisions
     * are (against Retort and the configured class path), into a folder of the project's cache.
     */
    private static SchemaModel fromSource(String fileName, ModelContext context) throws Exception {
        java.nio.file.Path base = context.config() == null ? java.nio.file.Path.of("") : context.config().baseDir();
        java.nio.file.Path file = base.resolve(fileName).toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new RetortException("Model source " + file + " (target_metadata class:" + fileName + ") does not exist");
        }
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new RetortException("class:" + fileName + " needs a JDK (javac) to compile; this is a JRE. "
                    + "Compile the class yourself and name it as class:its.ClassName");
        }
        String source = dev.retort.TextFiles.withoutByteOrderMark(java.nio.file.Files.readString(file));
        java.util.regex.Matcher pkg = java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(source);
        String simple = file.getFileName().toString().replaceFirst("\\.java$", "");
        String name = pkg.find() ? pkg.group(1) + "." + simple : simple;
        java.nio.file.Path out = (context.config() == null ? java.nio.file.Files.createTempDirectory("retort-model-")
                : dev.retort.CacheFolders.writable(context.config().cacheDir()).resolve("model"));
        java.nio.file.Files.createDirectories(out);
        java.util.List<String> cp = new java.util.ArrayList<>();
        cp.add(location(ModelDefinition.class));
        if (context.config() != null) context.config().classpath().forEach(p -> cp.add(base.resolve(p).toString()));
        java.io.StringWriter errors = new java.io.StringWriter();
        boolean ok = javac.getTask(errors, null, null,
                java.util.List.of("-d", out.toString(), "-classpath", String.join(java.io.File.pathSeparator, cp),
                        "-proc:none", "-encoding", "UTF-8"),
                null, dev.retort.script.JavaSources.forJavac(
                        javac.getStandardFileManager(null, null, java.nio.charset.StandardCharsets.UTF_8), java.util.List.of(file))).call();
        if (!ok) throw new RetortException("Model source " + file + " does not compile:\n" + errors.toString().strip());
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{out.toUri().toURL()},
                context.classLoader())) {
            return instantiate(name, loader);
        }
    }

    private static String location(Class<?> c) throws java.net.URISyntaxException {
        return java.nio.file.Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static SchemaModel instantiate(String className, ClassLoader loader) throws Exception {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new RetortException("Model class " + className + " not found on the class path "
                    + "(compile it and add its folder or jar to 'classpath' in retort.toml)");
        } catch (UnsupportedClassVersionError e) {
            throw new RetortException("Model class " + className + " was compiled for a newer Java than the one running Retort "
                    + "(Java " + Runtime.version().feature() + "): run Retort on a JDK at least as new as the compiler's (set "
                    + "JAVA_HOME), or compile it with --release " + Runtime.version().feature() + " (" + e.getMessage() + ")", e);
        } catch (ExceptionInInitializerError e) {
            throw failed(className, "its static initializer", e.getCause() != null ? e.getCause() : e);
        }
        SchemaModel model;
        try {
            if (ModelDefinition.class.isAssignableFrom(type)) {
                ModelDefinition definition = (ModelDefinition) type.getDeclaredConstructor().newInstance();
                try {
                    model = definition.model();
                } catch (RuntimeException e) {
                    if (e instanceof RetortException) throw e;
                    throw failed(className, "model()", e);
                }
            } else {
                Method m = modelMethod(type);
                if (m == null) {
                    throw new RetortException("Model class " + className + " must implement dev.retort.autogenerate.ModelDefinition "
                            + "or have a public static SchemaModel model() method");
                }
                model = (SchemaModel) m.invoke(null);
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RetortException r) throw r;
            throw failed(className, ModelDefinition.class.isAssignableFrom(type) ? "its constructor" : "model()", cause);
        }
        if (model == null) {
            throw new RetortException("Model class " + className + ": model() returned null; it must return the SchemaModel "
                    + "(SchemaBuilder.schema()...build())");
        }
        return model;
    }

    private static Method modelMethod(Class<?> type) {
        try {
            Method m = type.getMethod("model");
            return Modifier.isStatic(m.getModifiers()) && SchemaModel.class.isAssignableFrom(m.getReturnType()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** An exception the model's own code threw, named with its type and message (and kept as the cause). */
    private static RetortException failed(String className, String what, Throwable cause) {
        return new RetortException("Model class " + className + ": " + what + " threw " + cause, cause);
    }
}
