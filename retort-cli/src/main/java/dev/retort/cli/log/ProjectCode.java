package dev.retort.cli.log;

import java.util.Set;

/**
 * Tells a logger the project's own code makes (a Java revision, or a class of the {@code classpath} it uses) from
 * one of Retort's, a JDBC driver's or the JDK's: these are all loaded with the command line itself, while the
 * project's classes are loaded by a class loader Retort makes for them.
 */
final class ProjectCode {
    /** The command line's own loader and those above it (the JDK's). */
    private static final Set<ClassLoader> SHIPPED = shippedLoaders();

    private ProjectCode() {
    }

    /**
     * Whether the code asking for a logger now is the project's: the first frame past SLF4J, this package and the
     * JDK (a {@code computeIfAbsent}, a stream a revision made its logger in). Asked once per logger, not per line:
     * a driver asks {@code isDebugEnabled()} for every statement. A driver's logger made while a revision runs
     * is still the driver's: its own class asks for it.
     */
    static boolean createsLogger() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !isMachinery(c))
                .findFirst()
                .map(c -> !SHIPPED.contains(c.getClassLoader()))
                .orElse(false));
    }

    private static boolean isMachinery(Class<?> c) {
        String name = c.getName();
        ClassLoader loader = c.getClassLoader();
        return name.startsWith("org.slf4j.") || name.startsWith(ProjectCode.class.getPackageName() + ".")
                || loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static Set<ClassLoader> shippedLoaders() {
        Set<ClassLoader> loaders = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ClassLoader l = ProjectCode.class.getClassLoader(); l != null; l = l.getParent()) loaders.add(l);
        return loaders;
    }
}
