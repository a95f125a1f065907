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

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) if (bytes[i] == '\n') line++;
        return line;
    }
}
