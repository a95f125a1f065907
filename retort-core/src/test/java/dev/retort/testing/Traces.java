package dev.retort.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

/** An exception's whole printed chain, as an application's {@code log.error("...", e)} shows it. */
public final class Traces {
    private Traces() {
    }

    public static String of(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
