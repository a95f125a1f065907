package dev.retort.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the benches need to know about the {@code ./retort} launcher and the JVM they run it with. */
public final class Launcher {
    private Launcher() {
    }

    /** The {@code java} of the JVM running the bench, for baselines started with the same JDK. */
    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Deletes the launcher's class-data archives (one per JDK, under {@code retort-cli/target/cds}), so that
     * the next command trains a fresh one, as the first command after a build does.
     */
    public static void forgetArchives(Path root) throws IOException {
        deleteTree(root.resolve("retort-cli/target/cds"));
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
