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
    /** A dependsOn entry may also name a branch label, which allows the same characters. */
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new id: 12 lowercase hex characters (48 random bits), like Alembic's uuid4().hex[-12:]. */
    public static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
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

    static void checkReference(String ref, String where) {
        check(ref, where);
    }
}
