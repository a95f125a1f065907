package dev.retort.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t14-9: SQLite's driver loads its native library with System::load, which JDK 24 and later warn about (four
 * WARNING lines, even with -q) unless native access is enabled; the jar's manifest enables it for
 * {@code java -jar} (JDK 22+; JDK 17 ignores the attribute).
 */
class NativeAccessIT {
    @TempDir
    Path dir;

    @Test
    void theJarEnablesNativeAccess() throws Exception {
        try (JarFile jar = new JarFile(Path.of("target/retort.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
        }
    }

    @Test
    void aSqliteCommandOnARecentJdkPrintsNoWarning() throws Exception {
        Path jdk = Path.of(System.getenv().getOrDefault("RETORT_TEST_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Assumptions.assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 24+ at " + jdk);
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
        ProcessBuilder p = new ProcessBuilder(List.of(jdk.resolve("bin/java").toString(), "-jar",
                Path.of("target/retort.jar").toAbsolutePath().toString(), "-c", dir.resolve("retort.toml").toString(), "-q", "current"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        assertThat(CliJar.run(p)).doesNotContain("WARNING");
    }
}
