package dev.retort.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The package scan of {@link ClasspathRevisions}: what it opens to find a package's revisions. */
class ClasspathScanTest {
    @TempDir
    Path dir;

    /**
     * f11-4: the search of the jars themselves (t58-4: a jar without directory entries, whose folder the class loader
     * cannot find) is for a folder the loader does not find; one found holding nothing directly (revisions in
     * sub-packages, listed in the index: r5-3) opened every jar of the class path at each start. A file on the class
     * path that is no jar shows whether the scan opened it.
     */
    @Test
    void aFolderTheLoaderFindsEmptyIsNotLookedForInTheJars() throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("db/migration/v1"));
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip file");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL(), notAJar.toUri().toURL()}, null)) {
            ClasspathRevisions.Scanned scanned = ClasspathRevisions.scan(loader, "db/migration");
            assertThat(scanned.classNames()).isEmpty();
            assertThat(scanned.sql()).isEmpty();
        }
    }
}
