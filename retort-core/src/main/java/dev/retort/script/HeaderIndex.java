package dev.retort.script;

import dev.retort.CacheFolders;
import dev.retort.graph.RevisionHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the headers of a project's revision files said when they were last read, so that a command does
 * not read and parse every file again: a file whose size, modification time and identity (inode) are
 * unchanged is taken from here, any other file is read. This is how make and git tell an unchanged file.
 * <p>
 * As in git, an entry is only stored for a file modified well before the index is written ({@link
 * #RACY_MARGIN_NANOS}): an edit within the file system's timestamp granularity of the moment it was
 * indexed could otherwise keep the same size and time and go unnoticed.
 * <p>
 * The file lives in the project's cache folder and is only an optimisation: a missing, unreadable,
 * corrupt or unwritable index means the files are read, as without it.
 */
final class HeaderIndex {
    private static final Logger LOG = LoggerFactory.getLogger("dev.retort.script");
    private static final int MAGIC = 0x52544958; // "RTIX"
    /**
     * 2: a Java file's other top-level types after its class name; 3: files the scanner now refuses read again (t29);
     * 4: SQL headers read again, the {@code retort:} prefix now in any case and a bare {@code transactional} refused (t43).
     */
    private static final int FORMAT = 4;
    /** Files modified less than this before the index is written are not stored (coarse mtime, e.g. FAT's 2 s). */
    static final long RACY_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** One file's cached reading; {@code className} is empty for SQL revisions. */
    record Entry(String path, long size, long modifiedNanos, String fileKey, RevisionScript.Kind kind,
                 boolean transactional, String className, RevisionHeader header) {
    }

    private final Path file;
    private final Map<String, Entry> entries;
    private final Map<String, Entry> seen = new HashMap<>();
    /** Whether {@link #put} stored an entry (new or replacing an old one). */
    private boolean stored;

    private HeaderIndex(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * The index at {@code file} or, when there is none there, where a read-only project's index goes
     * ({@link CacheFolders#standIn}); empty when neither exists or can be read.
     */
    static HeaderIndex read(Path file) {
        Map<String, Entry> entries = new HashMap<>();
        Path from = file;
        if (!Files.exists(file)) {
            Path standIn = CacheFolders.standIn(file.getParent()).resolve(file.getFileName().toString());
            if (Files.exists(standIn)) from = standIn;
        }
        try (InputStream raw = Files.newInputStream(from);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) throw new IOException("not an index of this format");
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                Entry e = readEntry(in);
                entries.put(e.path(), e);
            }
        } catch (NoSuchFileException e) {
            // first run
        } catch (IOException | RuntimeException e) {
            LOG.debug("Ignoring the revision index {}: {}", file, e.toString());
            entries.clear();
        }
        return new HeaderIndex(file, entries);
    }

    /** The cached reading of the file at {@code key} (its absolute path), if it is still what is on disk. */
    Entry lookup(String key, BasicFileAttributes attrs) {
        Entry e = entries.get(key);
        if (e == null || e.size() != attrs.size() || e.modifiedNanos() != nanos(attrs)
                || !e.fileKey().equals(fileKey(attrs))) {
            return null;
        }
        seen.put(key, e);
        return e;
    }

    /** Records a fresh reading of {@code path}; stored only when the file is old enough to be trusted. */
    void put(String key, BasicFileAttributes attrs, RevisionScript.Kind kind, boolean transactional, String className,
             RevisionHeader header, long nowNanos) {
        if (nanos(attrs) > nowNanos - RACY_MARGIN_NANOS) return;
        seen.put(key, new Entry(key, attrs.size(), nanos(attrs), fileKey(attrs), kind, transactional,
                className == null ? "" : className, header));
        stored = true;
    }

    /**
     * Writes what this run saw, when it differs from what was read: an entry stored anew, or one of the
     * old entries not seen again (a removed file, or a changed one too recent to be stored). A file that
     * is only too recent to trust does not make every run rewrite the index.
     * Written to a temporary file and moved into place, so that a concurrent reader sees the old index
     * or the new one; a failure (read-only project, full disk) only costs the next run its speed.
     */
    void writeIfChanged() {
        if (!stored && seen.size() == entries.size()) return; // seen holds only entries read: nothing changed
        Path tmp = null;
        // the project's cache, or the user's for a project that cannot be written
        Path target = CacheFolders.writable(file.getParent()).resolve(file.getFileName().toString());
        try {
            tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                List<Entry> list = new ArrayList<>(seen.values());
                out.writeInt(list.size());
                for (Entry e : list) writeEntry(out, e);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not write the revision index {}: {}", target, e.toString());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file in the cache folder
                }
            }
        }
    }

    static long nanos(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    private static String fileKey(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key == null ? "" : key.toString();
    }

    private static Entry readEntry(DataInputStream in) throws IOException {
        String path = in.readUTF();
        long size = in.readLong();
        long modified = in.readLong();
        String fileKey = in.readUTF();
        RevisionScript.Kind kind = RevisionScript.Kind.values()[in.readByte()];
        boolean transactional = in.readBoolean();
        String className = in.readUTF();
        String id = in.readUTF();
        List<String> revises = readList(in);
        List<String> labels = readList(in);
        List<String> depends = readList(in);
        String message = readLong(in);
        String created = in.readUTF();
        return new Entry(path, size, modified, fileKey, kind, transactional, className,
                new RevisionHeader(id, revises, labels, depends, message, created, path));
    }

    private static void writeEntry(DataOutputStream out, Entry e) throws IOException {
        RevisionHeader h = e.header();
        out.writeUTF(e.path());
        out.writeLong(e.size());
        out.writeLong(e.modifiedNanos());
        out.writeUTF(e.fileKey());
        out.writeByte(e.kind().ordinal());
        out.writeBoolean(e.transactional());
        out.writeUTF(e.className());
        out.writeUTF(h.id());
        writeList(out, h.revises());
        writeList(out, h.branchLabels());
        writeList(out, h.dependsOn());
        writeLong(out, h.message());
        out.writeUTF(h.created());
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.readUTF());
        return out;
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeShort(values.size());
        for (String v : values) out.writeUTF(v);
    }

    /** A message may exceed writeUTF's 64 KB: length-prefixed UTF-8 instead. */
    private static String readLong(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeLong(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
