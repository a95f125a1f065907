package dev.retort.config;

import dev.retort.RetortException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code file_template} setting's grammar, checked when the configuration is loaded. */
public final class FileTemplate {
    /** The tokens a template may use, as {@code {rev}}. */
    public static final List<String> TOKENS = List.of("rev", "slug", "epoch", "year", "month", "day", "hour", "minute", "second");
    /** Anything between a matched pair of braces: {@code {rev_id}} is an unknown token, not an unmatched brace (t77-5). */
    private static final Pattern TOKEN = Pattern.compile("\\{([^{}]*)}");

    private FileTemplate() {
    }

    /**
     * Refuses the path {@code relative} (with its extension) that {@code template} made for a revision of
     * {@code message} when it is not a file Retort reads, inside the version location: an empty name (an empty
     * {@code {slug}}: a message of punctuation only), a hidden one ({@code .java}), {@code ..} (t68-1). The template's
     * own check cannot know what its tokens become.
     */
    public static void checkRendered(String template, String message, String slug, String relative) {
        String[] parts = relative.split("[/\\\\]", -1);
        String problem = null;
        for (int i = 0; i < parts.length && problem == null; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.isEmpty()) problem = "an empty " + (last ? "file" : "folder") + " name";
            else if (part.equals("..") || part.equals(".")) problem = "a '" + part + "' folder, outside the version location";
            else if (part.startsWith(".")) problem = "a hidden " + (last ? "file" : "folder") + " name '" + part
                    + "' (Retort does not read names starting with '.')";
        }
        if (problem == null) return;
        boolean emptySlug = slug.isEmpty() && template.contains("{slug}");
        String shown = (message == null ? "" : message).replaceAll("\\s+", " ").strip();
        if (shown.length() > 60) shown = shown.substring(0, 59) + "…";
        throw new RetortException("file_template '" + template + "' with the message '" + shown + "' gives the file name '"
                + relative + "', which has " + problem + (emptySlug
                ? "; {slug} is empty (the message has no letters or digits): write a message with some, or put {rev}"
                + " beside {slug} in file_template"
                : "; change file_template"));
    }

    /**
     * Refuses a template that cannot name a file: an unknown token, a brace that opens or closes no token
     * ({@code "{rev"} made {@code {rev.java}}), or nothing at all ({@code ""} made the hidden {@code .java}, and
     * every later revision "already exists"), or a hidden file ({@code ".{rev}"}: the scanner skips dot-files).
     */
    public static void check(String template, String where) {
        String tokens = String.join(", ", TOKENS);
        if (template.isBlank()) {
            throw new RetortException("file_template in " + where + " is empty; it must name the file, e.g. "
                    + "\"{rev}_{slug}\" (tokens: " + tokens + ")");
        }
        String stripped = template.strip();
        if (stripped.endsWith("/") || stripped.endsWith("\\")) {
            // t68-1: "{rev}/" wrote every revision as <rev>/.java, a hidden file no command reads
            throw new RetortException("file_template '" + template + "' in " + where + " ends with a folder separator;"
                    + " it must end with the file's name, e.g. \"{rev}/{slug}\" (tokens: " + tokens + ")");
        }
        String[] parts = stripped.split("[/\\\\]");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("..") || part.equals(".") && i < parts.length - 1) {
                throw new RetortException("file_template '" + template + "' in " + where + " has a '" + part + "' folder:"
                        + " revision files are written inside the version location, in the folders the template names");
            }
            if (part.startsWith(".")) {
                // r7-7: the scanner skips dot-files (editors' and the OS's), so such a revision exists for no command
                throw new RetortException("file_template '" + template + "' in " + where + " makes a hidden file (a name "
                        + "starting with '.'), which Retort does not read; start it with a token, e.g. \"{rev}_{slug}\"");
            }
        }
        Matcher m = TOKEN.matcher(template);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            if (!TOKENS.contains(m.group(1))) {
                String hint = closest(m.group(1));
                throw new RetortException("Unknown token {" + m.group(1) + "} in file_template '" + template + "' in "
                        + where + (hint == null ? "" : " (did you mean {" + hint + "}?)") + " (tokens: " + tokens + ")");
            }
            m.appendReplacement(rest, "");
        }
        m.appendTail(rest);
        if (rest.indexOf("{") >= 0 || rest.indexOf("}") >= 0) {
            throw new RetortException("Unmatched brace in file_template '" + template + "' in " + where
                    + ": a token is written {name} (tokens: " + tokens + ")");
        }
    }

    /** The token {@code written} was most likely meant to be ({@code {REV}}, {@code {rev_id}}, {@code {year2}}), if any. */
    private static String closest(String written) {
        String w = written.strip().toLowerCase(java.util.Locale.ROOT);
        for (String t : TOKENS) if (w.equals(t)) return t;
        String best = null;
        int bestDistance = 3;
        for (String t : TOKENS) {
            int d = w.startsWith(t) || w.endsWith(t) ? Math.min(w.length() - t.length(), 2) : ConfigLoader.distance(w, t);
            if (d < bestDistance) {
                bestDistance = d;
                best = t;
            }
        }
        return best;
    }
}
