package dev.retort.runtime;

import dev.retort.migration.Migration;
import dev.retort.script.RevisionScript;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where in a Java revision's own code an exception came from, for the failure message: the JVM's message says
 * what ("Cannot invoke String.length() because s is null"), often not where, and an IllegalStateException of a
 * helper says nothing at all (t29-7).
 */
final class RevisionFrames {
    /** Causes looked through for a frame: enough for any wrapping, and an end to a cycle. */
    private static final int MAX_CAUSES = 20;

    private RevisionFrames() {
    }

    /**
     * {@code " (at r6_err.java:8)"}: the innermost frame of {@code e}, else of its first cause that has one, in the
     * revision's file (its class and the other classes of that file: a helper beside it) or, for a revision compiled
     * with the application, in its class. Empty for SQL revisions, revisions built in code, and where no frame is
     * the revision's (it ran the statement that failed through Retort, which then names the statement instead).
     */
    static String of(Throwable e, Migration migration, RevisionScript script) {
        if (migration == null || script == null || script.kind() == RevisionScript.Kind.SQL) return "";
        Class<?> revision = migration.getClass();
        Path path = script.kind() == RevisionScript.Kind.JAVA ? script.path() : null;
        String file = path == null || path.getFileName() == null ? null : path.getFileName().toString();
        String loader = revision.getClassLoader() == null ? null : revision.getClassLoader().getName();
        // an operation refused after its call (held back to render with a later one): where it was called
        Throwable call = dev.retort.dialect.OperationCalls.of(e);
        Throwable t = call != null ? call : e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                boolean inFile = file != null && file.equals(frame.getFileName())
                        && Objects.equals(loader, frame.getClassLoaderName());
                if (inFile || ofClass(frame, revision.getName())) {
                    String name = frame.getFileName() == null ? revision.getSimpleName() : frame.getFileName();
                    return " (at " + name + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "") + ")";
                }
            }
        }
        return "";
    }

    /** The class's own methods, its lambdas' (methods of the class too) and those of the classes nested in it. */
    private static boolean ofClass(StackTraceElement frame, String className) {
        String c = frame.getClassName();
        return c.equals(className) || c.startsWith(className + "$");
    }
}
