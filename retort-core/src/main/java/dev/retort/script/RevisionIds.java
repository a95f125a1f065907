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
    private static final Pattern LABEL = Pattern.compile("[^\\s,@:\"'\\\\]+");

    /** A label ending like this reads as a relative target ({@code a3-1}: one before a3) and would shadow it. */
    private static final Pattern RELATIVE_END = Pattern.compile(".*[-+][0-9]+");

    public static boolean isValidLabel(String label) {
        return label != null && LABEL.matcher(label).matches() && !readsAsRelative(label);
    }

    /** Whether a branch label ends in '-' or '+' and digits, which the target grammar reads as REV-N / REV+N. */
    public static boolean readsAsRelative(String label) {
        return RELATIVE_END.matcher(label).matches();
    }

    /**
     * What is wrong with a branch label (or a depends-on entry naming one), in words for a message, or null when
     * it is fine.
     */
    public static String labelProblem(String label) {
        if (label == null || label.isEmpty()) return "it is empty";
        StringBuilder bad = new StringBuilder();
        for (char c : label.toCharArray()) {
            if ((Character.isWhitespace(c) || ",@:\"'\\".indexOf(c) >= 0) && bad.indexOf(String.valueOf(c)) < 0) bad.append(c);
        }
        if (!bad.isEmpty()) {
            return "'" + bad + "' is not allowed in a label (no spaces, commas, quotes, backslashes, '@' or ':')";
        }
        if (readsAsRelative(label)) {
            int cut = Math.max(label.lastIndexOf('-'), label.lastIndexOf('+'));
            return "it ends in '" + label.charAt(cut) + "' and digits and would read as a relative target (the revision "
                    + (label.charAt(cut) == '+' ? "after " : "before ") + label.substring(0, cut) + ")";
        }
        return null;
    }

    /** Why a branch label is refused (for messages). */
    public static final String LABEL_RULE = "not empty; no spaces, commas, quotes, backslashes, '@' or ':'; and not ending"
            + " in '-' or '+' and digits, which read as a relative target (a3-1 is the revision before a3)";

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
                    + "' (" + LABEL_RULE + ")");
        }
    }
}
