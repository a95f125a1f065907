package dev.retort.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;

/**
 * Standard output that remembers its first write error. A {@link PrintStream} swallows IOExceptions, so
 * {@code upgrade --sql > script.sql} on a full disk would leave a cut script and exit 0 (t15-8); the CLI
 * asks {@link #failure} once the command is done and fails with the reason.
 */
final class Stdout extends PrintStream {
    private final Recording recording;

    private Stdout(Recording recording, String encoding) throws UnsupportedEncodingException {
        // as the JVM builds System.out: a small buffer flushed at each line
        super(new BufferedOutputStream(recording, 128), true, encoding);
        this.recording = recording;
    }

    /** Standard output with the encoding the JVM gives System.out. */
    static PrintStream open() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return new Stdout(new Recording(new FileOutputStream(FileDescriptor.out)),
                    encoding != null ? encoding : Charset.defaultCharset().name());
        } catch (UnsupportedEncodingException e) {
            return System.out;
        }
    }

    /** Wraps any stream (tests: one that fails like a full disk). */
    static PrintStream over(OutputStream target) {
        try {
            return new Stdout(new Recording(target), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Flushes {@code out}; returns the reason writing to it failed, or null if it did not, or if the reader went
     * away ({@code | head -1}: a pipeline ending early is not an error, as for any Unix tool).
     */
    static String failure(PrintStream out) {
        out.flush();
        if (!out.checkError()) return null;
        IOException cause = out instanceof Stdout s ? s.recording.failure : null;
        if (cause == null) return "write error";
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return reason.contains("Broken pipe") ? null : reason;
    }

    private static final class Recording extends OutputStream {
        private final OutputStream target;
        private IOException failure;

        Recording(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                target.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                target.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) failure = e;
            return e;
        }
    }
}
