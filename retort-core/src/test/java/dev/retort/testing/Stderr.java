package dev.retort.testing;

import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** What a piece of code printed on stderr, where the log's warnings go in the tests. */
public final class Stderr {
    private Stderr() {
    }

    public static String of(Executable body) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            body.execute();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(e);
        } finally {
            System.setErr(err);
        }
        return captured.toString();
    }
}
