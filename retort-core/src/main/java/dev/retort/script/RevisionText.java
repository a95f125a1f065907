package dev.retort.script;

import dev.retort.RetortException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A revision file's bytes as text: strict UTF-8 (a malformed file fails instead of running with U+FFFD in it),
 * with messages that say where and why (t15-7): UTF-16, which Windows PowerShell's {@code >} writes, by its byte
 * order mark; any other invalid byte by its line; a NUL byte (a file cut or zero-filled by a crash, or binary)
 * by its line, rather than sent to the database as a statement.
 */
public final class RevisionText {
    private RevisionText() {
    }

    public static String decode(byte[] bytes, String where) {
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)) {
            throw new RetortException("Cannot read " + where + ": it is UTF-16 (byte order mark "
                    + (bytes[0] == (byte) 0xFF ? "FF FE" : "FE FF") + ", as Windows PowerShell's '>' writes); save it as UTF-8");
        }
        // the usual file is ASCII: one pass over its bytes checks it, and the String keeps them one byte a character,
        // without a decoder and its buffers for each of a run's 1,000 files (they showed as ~15 MB more peak memory)
        int nulAt = -1;
        boolean ascii = true;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b < 0) ascii = false;
            else if (b == 0 && nulAt < 0) nulAt = i;
        }
        if (!ascii) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            // checked through a small buffer, then made a String by the JDK's own decoding, which stores ASCII text
            // one byte a character: a large data revision is not held as bytes, chars and String at once (t15-1)
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(Math.min(8192, bytes.length + 1));
            while (true) {
                CoderResult result = decoder.decode(in, out, true);
                if (result.isError()) {
                    int at = in.position();
                    throw new RetortException("Cannot read " + where + ": not valid UTF-8 at line " + lineAt(bytes, at)
                            + " (byte " + (at + 1) + ": " + String.format("%02X", bytes[at] & 0xFF) + "); save it as UTF-8");
                }
                out.clear();
                if (result.isUnderflow()) break;
            }
        }
        // a NUL is the byte 0 in UTF-8, never part of another character: its line counts the same in bytes
        if (nulAt >= 0) {
            throw new RetortException(where + ":" + lineAt(bytes, nulAt) + ": NUL byte; a revision file is text (is this"
                    + " one cut or zero-filled after a crash, or binary?)");
        }
        return new String(bytes, ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8);
    }

    /** What {@link #forEachLine} gives each line to. */
    interface LineSink {
        /**
         * One line, without its line end (a CRLF's CR stays, as in the decoded text), numbered from 1.
         *
         * @param cut whether the line was longer than {@link #LINE_LIMIT} and only its start is given
         */
        void line(String line, int lineNo, boolean cut);

        /** Whether a long line may be cut now (only its start matters: in a section, not in the header). */
        boolean mayCut();
    }

    /** The longest line {@link #forEachLine} keeps whole where the sink allows cutting (characters of UTF-8, 64 KiB). */
    static final int LINE_LIMIT = 64 * 1024;

    /**
     * The lines of a revision file, read as a stream in bounded memory (t42-2: reading headers must not hold a data
     * revision whole), as {@link #decode} and {@link dev.retort.TextFiles#withLineFeeds} would give them: the same
     * checks, with the same messages (UTF-16, invalid UTF-8 and NUL bytes, each by its line, reported before
     * anything the sink threw), a leading byte-order mark dropped, lines split at LF, or at CR in a file without LF.
     */
    static void forEachLine(java.nio.file.Path file, String where, LineSink sink) throws java.io.IOException {
        boolean crOnly = !containsLineFeed(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer scratch = CharBuffer.allocate(8192);
        byte[] buf = new byte[64 * 1024];
        ByteBuffer pending = ByteBuffer.allocate(buf.length + 8); // bytes the decoder has not taken yet (a split character)
        LineBuffer line = new LineBuffer();
        boolean cut = false;
        long offset = 0;      // of buf[0] in the file
        int rawLine = 1;      // lines by LF only, as decode's messages count them
        int lineNo = 0;
        int nulLine = -1;
        RuntimeException sinkError = null;
        boolean first = true;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                int from = 0;
                if (first) {
                    first = false;
                    if (n >= 2 && (buf[0] == (byte) 0xFF && buf[1] == (byte) 0xFE || buf[0] == (byte) 0xFE && buf[1] == (byte) 0xFF)) {
                        decode(new byte[]{buf[0], buf[1]}, where); // throws its UTF-16 message
                    }
                    if (n >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) from = 3;
                }
                // strict UTF-8, through the decoder's small buffer: nothing is kept
                pending.put(buf, 0, n).flip();
                long pendingStart = offset + n - pending.remaining();
                while (true) {
                    CoderResult r = decoder.decode(pending, scratch, false);
                    if (r.isError()) {
                        long at = pendingStart + pending.position();
                        int errLine = rawLine + countLineFeeds(buf, 0, (int) Math.max(0, at - offset));
                        int b = at >= offset ? buf[(int) (at - offset)] & 0xFF : pending.get(pending.position()) & 0xFF;
                        throw new RetortException("Cannot read " + where + ": not valid UTF-8 at line " + errLine
                                + " (byte " + (at + 1) + ": " + String.format("%02X", b) + "); save it as UTF-8");
                    }
                    scratch.clear();
                    if (r.isUnderflow()) break;
                }
                pending.compact();
                byte term = crOnly ? (byte) '\r' : (byte) '\n';
                int i = from;
                while (i < n) {
                    int j = i;
                    while (j < n && buf[j] != term) {
                        if (buf[j] == 0 && nulLine < 0) nulLine = crOnly ? 1 : lineNo + 1;
                        j++;
                    }
                    if (!cut) {
                        int len = j - i;
                        if (line.size() + len > LINE_LIMIT && sink.mayCut()) {
                            len = Math.max(0, LINE_LIMIT - line.size());
                            cut = true;
                        }
                        line.write(buf, i, len);
                    }
                    if (j < n) { // a line end
                        lineNo++;
                        if (sinkError == null) sinkError = deliver(sink, line, lineNo, cut);
                        line.reset();
                        cut = false;
                    }
                    i = j + 1;
                }
                if (!crOnly) rawLine = lineNo + 1;
                offset += n;
            }
        }
        pending.flip();
        if (decoder.decode(pending, scratch, true).isError() || pending.hasRemaining()) {
            long at = offset - pending.remaining();
            throw new RetortException("Cannot read " + where + ": not valid UTF-8 at line " + rawLine + " (byte " + (at + 1)
                    + ": " + String.format("%02X", pending.get(pending.position()) & 0xFF) + "); save it as UTF-8");
        }
        if (nulLine >= 0) {
            throw new RetortException(where + ":" + nulLine + ": NUL byte; a revision file is text (is this"
                    + " one cut or zero-filled after a crash, or binary?)");
        }
        if (sinkError == null && line.size() > 0) { // a last line without a line end
            sinkError = deliver(sink, line, lineNo + 1, cut);
        }
        if (sinkError != null) throw sinkError;
    }

    /** Hands one line to the sink; what it throws is kept, to be thrown after the whole file is checked. */
    private static RuntimeException deliver(LineSink sink, LineBuffer line, int lineNo, boolean cut) {
        if (sink.mayCut() && !mayBeComment(line)) return null; // a statement's line: no String made for it
        byte[] bytes = line.bytes();
        int len = line.size();
        if (cut) while (len > 0 && (bytes[len - 1] & 0xC0) == 0x80) len--; // not in the middle of a character
        if (cut && len > 0 && (bytes[len - 1] & 0x80) != 0) len--;
        try {
            sink.line(new String(bytes, 0, len, StandardCharsets.UTF_8), lineNo, cut);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * Whether a line may be a directive, a comment looking like one or a git conflict marker (what a section's line is
     * read for): false when it is blank or its first character that is not blank is ASCII other than {@code - / #}
     * (a conflict marker's at the line's very start excepted) and {@code retort} is nowhere after it. Blank as
     * {@link String#strip} takes it: other Unicode blanks are not ASCII, and the line is then given.
     */
    private static boolean mayBeComment(LineBuffer line) {
        byte[] bytes = line.bytes();
        // and a git conflict marker at the line's start (t61-7): SqlRevisionParser.conflictMarker decides
        if (line.size() >= 7 && (bytes[0] == '<' || bytes[0] == '>' || bytes[0] == '|' || bytes[0] == '=')) return true;
        for (int i = 0; i < line.size(); i++) {
            byte b = bytes[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B || b >= 0x1C && b <= 0x1F) continue;
            if (b < 0 || b == '-' || b == '/' || b == '#') return true;
            return holdsRetort(bytes, i, line.size()); // a marker after SQL on the line (t81-3)
        }
        return false; // blank
    }

    /** Whether {@code retort}, in any case, is among the bytes from {@code from}. */
    private static boolean holdsRetort(byte[] bytes, int from, int to) {
        for (int i = from; i + 6 <= to; i++) {
            if ((bytes[i] | 0x20) != 'r' || (bytes[i + 1] | 0x20) != 'e' || (bytes[i + 2] | 0x20) != 't') continue;
            if ((bytes[i + 3] | 0x20) == 'o' && (bytes[i + 4] | 0x20) == 'r' && (bytes[i + 5] | 0x20) == 't') return true;
        }
        return false;
    }

    /** A line's bytes, read where they are. */
    private static final class LineBuffer extends java.io.ByteArrayOutputStream {
        LineBuffer() {
            super(256);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private static int countLineFeeds(byte[] buf, int from, int to) {
        int count = 0;
        for (int i = from; i < to && i < buf.length; i++) if (buf[i] == '\n') count++;
        return count;
    }

    /** Whether the file holds an LF (most do on their first line); a file of CRs only has its lines split at CR. */
    static boolean containsLineFeed(java.nio.file.Path file) throws java.io.IOException {
        byte[] buf = new byte[8192];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) if (buf[i] == '\n') return true;
            }
        }
        return false;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) if (bytes[i] == '\n') line++;
        return line;
    }
}
