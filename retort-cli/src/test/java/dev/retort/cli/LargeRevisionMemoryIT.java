package dev.retort.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t42-2: commands that only look at headers and the graph read a data revision as a stream, in bounded memory, and
 * a heap running out anywhere ends as one FAILED line saying what to do, not as the JVM's stack trace. Each run is a
 * JVM of its own with a heap smaller than the file.
 */
class LargeRevisionMemoryIT {
    private static final String HEAP = "-Xmx32m";
    private static final int MB = 1 << 20;

    @TempDir
    Path dir;

    private Path project() throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\nurl = \"jdbc:sqlite:"
                + dir.resolve("app.db") + "\"\n");
        return dir.resolve("migrations/versions");
    }

    /** A file of {@code size} bytes: {@code head}, then lines of {@code line} up to the size, then {@code tail}. */
    private static void write(Path file, String head, String line, long size, String tail) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(head);
            for (long written = head.length(); written < size; written += line.length()) w.write(line);
            w.write(tail);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(CliJar.process(dir, args).command());
        command.add(1, HEAP);
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        Path out = dir.resolve("stdout.txt");
        Thread drain = new Thread(() -> {
            try {
                Files.copy(p.getInputStream(), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException ignored) {
                // the assertion below shows what came
            }
        });
        drain.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        drain.join();
        return new Result(exit, Files.readString(out), err);
    }

    @Test
    void headerCommandsReadADataRevisionLargerThanTheHeap() throws Exception {
        Path versions = project();
        Files.writeString(versions.resolve("a0.sql"), "-- retort:revision a0\n-- retort:upgrade\nCREATE TABLE big (id INTEGER, note TEXT);\n");
        // 48 MB of INSERTs, and a long line of one multi-row INSERT: neither is held whole
        String row = "INSERT INTO big VALUES (1, '" + "x".repeat(90) + "');\n";
        write(versions.resolve("a1.sql"), "-- retort:revision a1\n-- retort:revises a0\n-- retort:message data\n\n-- retort:upgrade\n"
                + "INSERT INTO big VALUES ", "(2, 'yyyyyyyyyyyyyyyyyyyy'), ", 8 * MB, "(3, 'z');\n" + row.repeat(400_000)
                + "\n-- retort:downgrade\nDELETE FROM big;\n");
        assertThat(Files.size(versions.resolve("a1.sql"))).isGreaterThan(48L * MB);

        Result heads = run("heads");
        assertThat(heads.exit()).as(heads.err()).isZero();
        assertThat(heads.out()).contains("a1 (head)");
        assertThat(heads.err()).doesNotContain("OutOfMemoryError");
        if (Files.exists(dir.resolve(".retort"))) Files.walk(dir.resolve(".retort")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Result history = run("history", "-v");
        assertThat(history.exit()).as(history.err()).isZero();
        assertThat(history.out()).contains("Rev: a1 (head)", "data");
        Result show = run("show", "a1");
        assertThat(show.exit()).as(show.err()).isZero();
        Result check = run("check"); // exit 1: a0 and a1 pending; the checksum read as a stream
        assertThat(check.err()).doesNotContain("OutOfMemoryError", "Exception in thread");
        assertThat(check.out() + check.err()).contains("a1, data");

        // a section line that looks like a marker is still refused, past the long line
        Files.writeString(versions.resolve("a1.sql"), "\n--- retort:downgrade\n", java.nio.file.StandardOpenOption.APPEND);
        Result refused = run("heads");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("FAILED: " + versions.resolve("a1.sql").toAbsolutePath() + ":")
                .contains("'--- retort:downgrade' is not a Retort header or section line");
    }

    @Test
    void aHeapRunningOutIsOneFailedLineNamingTheFileAndWhatToDo() throws Exception {
        Path versions = project();
        // a Java revision is read whole: one larger than the heap
        Path big = versions.resolve("b1.java");
        write(big, "import dev.retort.migration.*;\n@Revision(id = \"b1\")\nclass B1 extends Migration {\n",
                "    // " + "c".repeat(100) + "\n", 48L * MB, "}\n");
        Result heads = run("heads");
        assertThat(heads.exit()).isEqualTo(1);
        assertThat(heads.err()).doesNotContain("Exception in thread", "\tat ");
        assertThat(heads.err().strip().lines()).hasSize(1);
        assertThat(heads.err()).startsWith("FAILED: Out of memory reading " + big.toAbsolutePath() + " (48 MB): the Java heap")
                .contains("raise it with -Xmx", "RETORT_JAVA_OPTS=-Xmx");
    }
}
