package dev.retort.script;

import dev.retort.RetortException;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Revision identifiers: what they may contain, and new random ones. */
public final class RevisionIds {
    private RevisionIds() {
    }

    /** Letters, digits and underscores; Alembic forbids {@code @ - + :} because the target grammar uses them. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new id: 12 lowercase hex characters (48 random bits), like Alembic's uuid4().hex[-12:]. */
    public static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Branch labels (and depends_on entries, which may name one) may also hold '-', '+', '.' and other
     * characters: not '@' or ':' (the target grammar), nor what would break a header line or a Java string
     * literal (spaces, commas, quotes, backslashes).
     */
    private static final Pattern LABEL = Pattern.compile("[^\\s,@:\"\\\\]+");

    public static boolean isValidLabel(String label) {
        return label != null && LABEL.matcher(label).matches();
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Throws naming {@code where} if {@code id} is not a valid revision id. */
    static void check(String id, String where) {
        if (id == null || id.isEmpty()) throw new RetortException(where + ": empty revision id");
        if (!isValid(id)) {
            throw new RetortException(where + ": invalid revision id '" + id
                    + "' (letters, digits and underscores only; '@', '-', '+', ':' are used by the target grammar)");
        }
    }

    /** A dependsOn entry: a revision id or a branch label. */
    static void checkReference(String ref, String where) {
        if (ref == null || ref.isEmpty()) throw new RetortException(where + ": empty revision id");
        if (!isValidLabel(ref)) {
            throw new RetortException(where + ": invalid revision id or branch label '" + ref
                    + "' (no spaces, commas, quotes, '@' or ':')");
        }
    }
}
