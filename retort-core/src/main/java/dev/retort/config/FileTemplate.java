package dev.retort.config;

import dev.retort.RetortException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code file_template} setting's grammar, checked when the configuration is loaded. */
public final class FileTemplate {
    /** The tokens a template may use, as {@code {rev}}. */
    public static final List<String> TOKENS = List.of("rev", "slug", "epoch", "year", "month", "day", "hour", "minute", "second");
    private static final Pattern TOKEN = Pattern.compile("\\{([a-z]+)}");

    private FileTemplate() {
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
        for (String part : template.strip().split("[/\\\\]")) {
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
                throw new RetortException("Unknown token {" + m.group(1) + "} in file_template '" + template + "' in "
                        + where + " (tokens: " + tokens + ")");
            }
            m.appendReplacement(rest, "");
        }
        m.appendTail(rest);
        if (rest.indexOf("{") >= 0 || rest.indexOf("}") >= 0) {
            throw new RetortException("Unmatched brace in file_template '" + template + "' in " + where
                    + ": a token is written {name} (tokens: " + tokens + ")");
        }
    }
}
