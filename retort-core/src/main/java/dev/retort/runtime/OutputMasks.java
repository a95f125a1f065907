package dev.retort.runtime;

import dev.retort.config.DatabaseUrls;
import dev.retort.secrets.SqlSecrets;
import dev.retort.secrets.UrlSecrets;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Masking for text Retort prints but did not write: a driver's log lines and the exception messages of a stack
 * trace. Shape-based masking ({@link DatabaseUrls#maskText}) cannot know a password a driver quotes bare (pgjdbc at
 * DEBUG: {@code Url [SE%CRET] parsing failed}), so the passwords of the URLs this process connected to are
 * scrubbed too, as a failed connection's message is; and passwords written in SQL ({@code IDENTIFIED BY '...'},
 * which Connector/J logs with each query and H2 quotes in its syntax errors) are blanked as in a failing statement.
 */
public final class OutputMasks {
    private static final Set<String> URLS = ConcurrentHashMap.newKeySet();
    /** Password literals of statements this process ran: a driver's error quotes them cut anywhere ({@code near 'BY 'x''}). */
    private static final Set<String> LITERALS = ConcurrentHashMap.newKeySet();

    /**
     * Whether the process prints drivers' output through {@link #mask} (the command line does). A long-lived
     * application using the library never asks for it, and would otherwise keep every password literal and URL it
     * ever ran, for the life of the process, in sets no one reads.
     */
    private static volatile boolean remembering;

    private OutputMasks() {
    }

    /** Starts noting URLs and statements' passwords; for a process that prints driver output through {@link #mask}. */
    public static void remember() {
        remembering = true;
    }

    /** Notes a JDBC URL about to be opened, so that its passwords are scrubbed from driver output. */
    static void connecting(String url) {
        if (remembering && url != null && !DatabaseUrls.mask(url).equals(url)) URLS.add(url);
    }

    /** Notes a statement about to run, so that the passwords written in it are blanked from driver output. */
    static void running(String sql) {
        if (remembering) LITERALS.addAll(SqlSecrets.literals(sql));
    }

    /** {@code text} (a driver's log line, a stack trace) with every password Retort knows of, or can see, masked. */
    public static String mask(String text) {
        if (text == null) return null;
        String out = text;
        for (String url : URLS) out = DatabaseUrls.scrub(out, url);
        return SqlSecrets.maskLiterals(SqlSecrets.mask(UrlSecrets.maskText(out)), LITERALS);
    }
}
