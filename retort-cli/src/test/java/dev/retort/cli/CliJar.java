package dev.retort.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built command-line jar as a process of its own, as a user runs it (a fresh JVM: SLF4J, signals, exit). */
final class CliJar {
    private CliJar() {
    }

    /** {@code java -jar target/retort.jar -c DIR/retort.toml ARGS}, stdout discarded. */
    static ProcessBuilder process(Path dir, String... args) {
        Path jar = Path.of("target/retort.jar").toAbsolutePath();
        assertThat(jar).as("the CLI jar (mvn package builds it before the integration tests)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "-c", dir.resolve("retort.toml").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    /** Runs it to the end; its stderr. Fails unless it exits 0. */
    static String run(ProcessBuilder process) throws Exception {
        Process p = process.start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return err;
    }
}
