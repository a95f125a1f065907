package dev.retort.script;

import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import dev.retort.migration.Migration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java runtime without the {@code java.compiler} module (an application's jlinked image): Retort's
 * classes are loaded again by a class loader that has no {@code javax.tools}. Revisions compiled before
 * load from the cache; one that is not gives the documented message, not a NoClassDefFoundError.
 */
class WithoutCompilerTest {
    @TempDir
    Path dir;

    @Test
    void cachedRevisionsLoadAndAMissingCompilerIsARetortException() throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        Files.writeString(dir.resolve("migrations/versions/a.java"), """
                import dev.retort.migration.*;

                @Revision(id = "aaaa0001", revises = {}, message = "compiled before")
                class A extends Migration {
                    @Override public void upgrade(Operations op) { op.execute("SELECT 1"); }
                }
                """);
        // compiled here, with the compiler, into the project's cache
        ScriptDirectory.load(config(dir)).prepare(List.of("aaaa0001"));

        try (NoJavaxTools loader = new NoJavaxTools()) {
            Object cached = probe(loader, dir, "aaaa0001");
            assertThat(cached).isEqualTo("loaded A");

            Files.writeString(dir.resolve("migrations/versions/b.java"), """
                    import dev.retort.migration.*;

                    @Revision(id = "bbbb0002", revises = "aaaa0001", message = "not compiled yet")
                    class B extends Migration {
                        @Override public void upgrade(Operations op) { op.execute("SELECT 2"); }
                    }
                    """);
            assertThat((String) probe(loader, dir, "bbbb0002"))
                    .startsWith("dev.retort.RetortException: No Java compiler available to compile bbbb0002 ("
                            + dir.resolve("migrations/versions/b.java") + "): ")
                    .contains("Pre-compiled revisions");
        }
    }

    private static RetortConfig config(Path dir) {
        return ConfigLoader.load(dir.resolve("retort.toml"), null, null, null, Map.of(), Map.of());
    }

    /** Runs {@link Probe#load} inside {@code loader}. */
    private static Object probe(ClassLoader loader, Path dir, String id) throws Exception {
        try {
            return loader.loadClass(Probe.class.getName()).getMethod("load", Path.class, String.class).invoke(null, dir, id);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the probe failed: " + e.getCause(), e.getCause());
        }
    }

    /** Loaded by {@link NoJavaxTools}: what an application on such a runtime does. */
    public static final class Probe {
        public static String load(Path dir, String id) {
            try {
                ScriptDirectory d = ScriptDirectory.load(config(dir));
                d.prepare(List.of(id));
                return "loaded " + d.migration(id).getClass().getSimpleName();
            } catch (RuntimeException e) {
                return e.getClass().getName() + ": " + e.getMessage();
            }
        }
    }

    /** Retort's classes (main and test) loaded again, child first; javax.tools is not there. */
    private static final class NoJavaxTools extends URLClassLoader {
        NoJavaxTools() {
            super(new URL[]{location(Migration.class), location(WithoutCompilerTest.class)}, new ClassLoader(WithoutCompilerTest.class.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (name.startsWith("javax.tools.")) throw new ClassNotFoundException(name + " (no java.compiler module)");
                    return super.loadClass(name, resolve);
                }
            });
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.retort.")) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }

        private static URL location(Class<?> c) {
            return c.getProtectionDomain().getCodeSource().getLocation();
        }
    }
}
