package dev.retort.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The checksums of revision files: the one recorded in {@code retort_history} and {@code check}'s comparison, and
 * the forms earlier versions of Retort recorded, so that a checkout's line ends or byte-order mark do not read as an
 * edit.
 */
public final class RevisionChecksums {
    private RevisionChecksums() {
    }

    /**
     * One digest per thread: {@code MessageDigest.getInstance} looks the algorithm up among the security
     * providers on every call, which was ~2 % of a 1,000-revision run on the run's thread, more than the
     * hashing itself.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(RevisionChecksums::newSha256);

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(SHA_256.get().digest(bytes));
    }

    /**
     * The checksum of a revision file: the SHA-256 of its bytes with a leading UTF-8 byte-order mark dropped and
     * CRLF and lone CR line ends read as LF, as Flyway's checksum does, so that a Windows checkout
     * ({@code core.autocrlf}) or an editor adding a BOM does not read as an edit. A file with LF endings and no
     * BOM hashes its bytes unchanged: checksums recorded before stay valid.
     */
    static String fileChecksum(byte[] bytes) {
        return sha256(withLineFeeds(bytes));
    }

    /**
     * {@link #fileChecksum(byte[])} of a file, read as a stream: a command checking checksums ({@code check},
     * {@code history}) does not hold a data revision whole (t42-2).
     */
    static String fileChecksum(Path file) throws IOException {
        MessageDigest lf = SHA_256.get();
        lf.reset();
        streamLineFeeds(file, null, lf, null);
        return HexFormat.of().formatHex(lf.digest());
    }

    /** {@link #earlierChecksums(byte[])} of a file, read as a stream. */
    static Set<String> earlierChecksums(Path file) throws IOException {
        MessageDigest raw = newSha256(), lf = newSha256(), crlf = newSha256(), bomLf = newSha256(), bomCrlf = newSha256();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        bomLf.update(bom);
        bomCrlf.update(bom);
        streamLineFeeds(file, raw, new MessageDigest[]{lf, bomLf}, new MessageDigest[]{crlf, bomCrlf});
        Set<String> out = new HashSet<>();
        for (MessageDigest d : new MessageDigest[]{raw, lf, crlf, bomLf, bomCrlf}) out.add(HexFormat.of().formatHex(d.digest()));
        return out;
    }

    private static void streamLineFeeds(Path file, MessageDigest raw, MessageDigest lf, MessageDigest[] crlf) throws IOException {
        streamLineFeeds(file, raw, new MessageDigest[]{lf}, crlf);
    }

    /**
     * Feeds the file's bytes to {@code raw} as they are, and as {@link #withLineFeeds} gives them to each of {@code lf}
     * and, with every LF written CRLF, to each of {@code crlf}.
     */
    private static void streamLineFeeds(Path file, MessageDigest raw, MessageDigest[] lf, MessageDigest[] crlf) throws IOException {
        byte[] in = new byte[64 * 1024];
        byte[] out = new byte[in.length];
        byte[] outCrlf = crlf == null ? null : new byte[2 * in.length];
        boolean first = true, afterCr = false;
        try (InputStream stream = Files.newInputStream(file)) {
            int n;
            while ((n = stream.readNBytes(in, 0, in.length)) > 0) {
                if (raw != null) raw.update(in, 0, n);
                int from = 0;
                if (first) {
                    first = false;
                    if (n >= 3 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB && (in[2] & 0xFF) == 0xBF) from = 3;
                }
                int o = 0;
                for (int i = from; i < n; i++) {
                    byte b = in[i];
                    if (b == '\n' && afterCr) { // the LF of a CRLF, written already as the CR's LF
                        afterCr = false;
                        continue;
                    }
                    afterCr = b == '\r';
                    out[o++] = afterCr ? (byte) '\n' : b;
                }
                for (MessageDigest d : lf) d.update(out, 0, o);
                if (crlf != null) {
                    int c = 0;
                    for (int i = 0; i < o; i++) {
                        if (out[i] == '\n') outCrlf[c++] = '\r';
                        outCrlf[c++] = out[i];
                    }
                    for (MessageDigest d : crlf) d.update(outCrlf, 0, c);
                }
            }
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code bytes} without a leading UTF-8 byte-order mark and with CRLF and lone CR read as LF; the array itself when it has neither. */
    private static byte[] withLineFeeds(byte[] bytes) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
        int from = bom ? 3 : 0;
        int cr = -1;
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                cr = i;
                break;
            }
        }
        if (!bom && cr < 0) return bytes;
        if (cr < 0) return Arrays.copyOfRange(bytes, from, bytes.length);
        // a CR byte is never part of a multi-byte UTF-8 sequence, so this works on the bytes as they are
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        out.write(bytes, from, cr - from);
        for (int i = cr; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                out.write('\n');
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') i++;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /**
     * The checksums Retort recorded before {@link #fileChecksum} read CRLF as LF, for the checkouts of a file
     * whose bytes are now {@code bytes}: the SHA-256 of the bytes as they are, and of the text with LF and with CRLF
     * ends, each with and without a UTF-8 byte-order mark.
     */
    static Set<String> earlierChecksums(byte[] bytes) {
        byte[] lf = withLineFeeds(bytes);
        ByteArrayOutputStream crlf = new ByteArrayOutputStream(lf.length + lf.length / 16);
        for (byte b : lf) {
            if (b == '\n') crlf.write('\r');
            crlf.write(b);
        }
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Set<String> out = new HashSet<>();
        out.add(sha256(bytes));
        for (byte[] form : new byte[][]{lf, crlf.toByteArray()}) {
            out.add(sha256(form));
            byte[] marked = Arrays.copyOf(bom, bom.length + form.length);
            System.arraycopy(form, 0, marked, bom.length, form.length);
            out.add(sha256(marked));
        }
        return out;
    }

    /**
     * Sets up, on the calling thread, what the first checksum of a run needs and no thread has used yet
     * (the JDK's security providers, ~5-8 ms in a cold JVM): for a caller with a core to spare before a run.
     */
    public static void warmUp() {
        sha256(new byte[0]);
    }
}
