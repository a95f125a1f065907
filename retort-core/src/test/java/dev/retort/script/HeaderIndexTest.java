package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.config.RetortConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The revision index: unchanged files come from it, anything changed is read again, and the index can
 * never make a load fail or see a stale header. "Unchanged" is proved by editing a file behind the
 * index's back while keeping its size and modification time, which only the index can miss.
 */
class HeaderIndexTest {
    @TempDir
    Path dir;

    private static final Instant AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS);

    private Path versions() throws IOException {
        return Files.createDirectories(dir.resolve("migrations/versions"));
    }

    private Path write(String name, String id, String message, Instant modified) throws IOException {
        Path f = versions().resolve(name);
        Files.writeString(f, "-- retort:revision " + id + "\n-- retort:message " + message
                + "\n\n-- retort:upgrade\nCREATE TABLE t_" + id + " (id INTEGER);\n");
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    /** Rewrites the file with text of the same length and puts the old modification time back. */
    private static void editBehindTheIndexsBack(Path f, String from, String to) throws IOException {
        FileTime mtime = Files.getLastModifiedTime(f);
        String text = Files.readString(f);
        assertThat(to).hasSameSizeAs(from);
        Files.writeString(f, text.replace(from, to));
        Files.setLastModifiedTime(f, mtime);
    }

    private ScriptDirectory load() {
        return ScriptDirectory.load(RetortConfig.of(dir.resolve("migrations"), null));
    }

    private List<Path> indexFiles() throws IOException {
        Path cache = dir.resolve(".retort/cache");
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().startsWith("revision-index-")).toList();
        }
    }

    @Test
    void unchangedFilesComeFromTheIndex() throws IOException {
        Path f = write("a.sql", "aaaa0001", "first", AN_HOUR_AGO);
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("first");
        assertThat(indexFiles()).hasSize(1);

        editBehindTheIndexsBack(f, "first", "FIRST");
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("first"); // from the index
        assertThat(load().script("aaaa0001").checksum()).isEqualTo(RevisionChecksums.sha256(Files.readAllBytes(f)));
    }

    @Test
    void aChangedTimeOrSizeIsReadAgain() throws IOException {
        Path f = write("a.sql", "aaaa0001", "first", AN_HOUR_AGO);
        load();
        editBehindTheIndexsBack(f, "first", "FIRST");
        Files.setLastModifiedTime(f, FileTime.from(AN_HOUR_AGO.plusSeconds(1)));
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("FIRST");

        Files.writeString(f, Files.readString(f).replace("FIRST", "the first one"));
        Files.setLastModifiedTime(f, FileTime.from(AN_HOUR_AGO.plusSeconds(1)));
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("the first one");
    }

    @Test
    void aFileReplacedByAnotherIsReadAgain() throws IOException {
        Path f = write("a.sql", "aaaa0001", "first", AN_HOUR_AGO);
        load();
        Path other = dir.resolve("other.sql");
        Files.writeString(other, Files.readString(f).replace("first", "FIRST"));
        Files.setLastModifiedTime(other, FileTime.from(AN_HOUR_AGO));
        Files.move(other, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // same size and time, new inode
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("FIRST");
    }

    @Test
    void recentlyModifiedFilesAreNotTrusted() throws IOException {
        // modified "now": a second edit within the file system's timestamp granularity could keep both
        Path f = write("a.sql", "aaaa0001", "first", Instant.now());
        load();
        editBehindTheIndexsBack(f, "first", "FIRST");
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("FIRST");
    }

    @Test
    void theIndexIsRewrittenOnlyWhenWhatItHoldsChanges() throws IOException {
        write("a.sql", "aaaa0001", "first", AN_HOUR_AGO);
        write("b.sql", "bbbb0001", "second", Instant.now()); // too recent to store, read every time
        load();
        Path index = indexFiles().get(0);
        FileTime marked = FileTime.from(AN_HOUR_AGO); // a rewrite would give the index the current time
        Files.setLastModifiedTime(index, marked);
        load();
        load();
        assertThat(Files.getLastModifiedTime(index)).isEqualTo(marked);
        write("c.sql", "cccc0001", "third", AN_HOUR_AGO);
        load();
        assertThat(Files.getLastModifiedTime(index)).isNotEqualTo(marked);
    }

    @Test
    void addedAndRemovedFiles() throws IOException {
        write("a.sql", "aaaa0001", "first", AN_HOUR_AGO);
        Path b = write("b.sql", "bbbb0001", "second", AN_HOUR_AGO);
        assertThat(load().scripts()).hasSize(2);
        Files.delete(b);
        assertThat(load().scripts()).extracting(RevisionScript::id).containsExactly("aaaa0001");
        write("c.sql", "cccc0001", "third", AN_HOUR_AGO);
        assertThat(load().scripts()).extracting(RevisionScript::id).containsExactly("aaaa0001", "cccc0001");
    }

    @Test
    void aBrokenFileIsReportedEveryTimeNotCached() throws IOException {
        Path f = write("a.sql", "aaaa0001", "first", AN_HOUR_AGO);
        Files.writeString(f, "-- retort:revision aaaa0001\nCREATE TABLE x (id INTEGER);\n");
        Files.setLastModifiedTime(f, FileTime.from(AN_HOUR_AGO));
        assertThatThrownBy(this::load).isInstanceOf(RetortException.class).hasMessageContaining("SQL before");
        assertThatThrownBy(this::load).isInstanceOf(RetortException.class).hasMessageContaining("SQL before");
    }

    @Test
    void aCorruptIndexIsIgnoredAndReplaced() throws IOException {
        write("a.sql", "aaaa0001", "first", AN_HOUR_AGO);
        load();
        Path index = indexFiles().get(0);
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("first");
        Files.writeString(index, "not an index");
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("first");
        assertThat(Files.readAllBytes(index)).isNotEqualTo("not an index".getBytes());
    }

    @Test
    void anUnwritableCacheFolderOnlyCostsSpeed() throws IOException {
        write("a.sql", "aaaa0001", "first", AN_HOUR_AGO);
        Files.createDirectories(dir.resolve(".retort"));
        Files.writeString(dir.resolve(".retort/cache"), "a file where the folder would go");
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("first");
        assertThat(load().script("aaaa0001").header().message()).isEqualTo("first");
    }

    @Test
    void javaRevisionsKeepTheirClassNameAndFlags() throws IOException {
        Path f = versions().resolve("J.java");
        Files.writeString(f, """
                import dev.retort.migration.*;
                @Revision(id = "jjjj0001", revises = {}, message = "java one", transactional = false,
                          branchLabels = {"feature"})
                public class J extends Migration { public void upgrade(Operations op) {} }
                """);
        Files.setLastModifiedTime(f, FileTime.from(AN_HOUR_AGO));
        ScriptDirectory first = load();
        ScriptDirectory second = load();
        for (ScriptDirectory d : List.of(first, second)) {
            RevisionScript s = d.script("jjjj0001");
            assertThat(s.kind()).isEqualTo(RevisionScript.Kind.JAVA);
            assertThat(s.transactional()).isFalse();
            assertThat(s.header().branchLabels()).containsExactly("feature");
            assertThat(s.header().message()).isEqualTo("java one");
            assertThat(d.javaClassName("jjjj0001")).isEqualTo("J");
        }
        assertThat(second.script("jjjj0001").header()).isEqualTo(first.script("jjjj0001").header());
    }
}
