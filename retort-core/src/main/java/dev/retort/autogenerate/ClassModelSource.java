package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.schema.SchemaModel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * {@code class:com.example.Schema}: a class on the class path (the application's, or the configured
 * {@code classpath}) that implements {@link ModelDefinition} or has a public static
 * {@code SchemaModel model()} method; or {@code class:model/Schema.java}, a source file Retort compiles.
 */
final class ClassModelSource implements ModelSource {
    @Override
    public String scheme() {
        return "class";
    }

    @Override
    public SchemaModel load(String className, ModelContext context) throws Exception {
        SchemaModel model = className.endsWith(".java") ? fromSource(className, context) : instantiate(className, context.classLoader());
        requireComparedSchema(model, context, "class:" + className);
        return model;
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
        }
        if (ModelDefinition.class.isAssignableFrom(type)) {
            return ((ModelDefinition) type.getDeclaredConstructor().newInstance()).model();
        }
        try {
            Method m = type.getMethod("model");
            if (Modifier.isStatic(m.getModifiers()) && SchemaModel.class.isAssignableFrom(m.getReturnType())) {
                return (SchemaModel) m.invoke(null);
            }
        } catch (NoSuchMethodException ignored) {
            // fall through to the message below
        }
        throw new RetortException("Model class " + className + " must implement dev.retort.autogenerate.ModelDefinition "
                + "or have a public static SchemaModel model() method");
    }
}
