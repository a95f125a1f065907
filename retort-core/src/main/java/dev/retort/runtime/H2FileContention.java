package dev.retort.runtime;

import org.h2.api.ErrorCode;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The errors H2 raises, for a while only, when several processes share one embedded database file; they are
 * waited out (for lock_timeout) rather than reported.
 * <ul>
 *   <li>"Database may be already in use" (90020): another process has the file open (t47-5).</li>
 *   <li>Three reasons of H2's "Error opening database" (8000), all from its lock file protocol racing another
 *       process for {@code NAME.lock.db}: "Lock file recently modified", "Another process was faster",
 *       "Concurrent update" (t49-1). Error 8000 also wraps lasting failures ("Could not save properties",
 *       "Unsupported lock method", an I/O error), which are reported at once, as are a wrong password (28000) and
 *       a corrupt file (90030).</li>
 *   <li>With {@code AUTO_SERVER=TRUE} only, "Connection is broken" (90067): the process serving the file to the
 *       others ended (its run was over) between another reading its address and reaching it, or under one
 *       that then failed to take the file over (H2 reconnects by itself, and the race above can fail that; the
 *       session is then closed for good).</li>
 * </ul>
 */
final class H2FileContention {
    private static final List<String> LOCK_FILE_RACES =
            List.of("\"Lock file recently modified\"", "\"Another process was faster\"", "\"Concurrent update\"");
    private static final Pattern AUTO_SERVER = Pattern.compile(";\\s*auto_server\\s*=\\s*true\\s*(;|$)");

    private H2FileContention() {
    }

    /** An embedded H2 file URL ({@code jdbc:h2:[file:]PATH}) with {@code AUTO_SERVER=TRUE}. */
    static boolean autoServer(String url) {
        if (Connections.h2File(url) == null) return false;
        return AUTO_SERVER.matcher(url.toLowerCase(Locale.ROOT)).find();
    }

    /** Whether {@code e} (or one of its causes) is one of the passing errors above, for a database opened as {@code url}. */
    static boolean passing(Throwable e, String url) {
        boolean autoServer = autoServer(url);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && passing(s, autoServer)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static boolean passing(SQLException s, boolean autoServer) {
        int code = s.getErrorCode();
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) return true;
        if (code == ErrorCode.ERROR_OPENING_DATABASE_1) {
            String message = String.valueOf(s.getMessage());
            return LOCK_FILE_RACES.stream().anyMatch(message::contains);
        }
        return autoServer && code == ErrorCode.CONNECTION_BROKEN_1;
    }
}
