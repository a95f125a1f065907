package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.TextFiles;
import dev.retort.graph.RevisionHeader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a SQL revision: {@code -- retort:KEY value} header lines, then a {@code -- retort:upgrade}
 * section and an optional {@code -- retort:downgrade} section (none = irreversible).
 */
final class SqlRevisionParser {
    private SqlRevisionParser() {
    }

    /**
     * A parsed SQL revision.
     *
     * @param upgradeSql   the text of the upgrade section
     * @param upgradeLine  the line its text starts on (for messages)
     * @param downgradeSql the text of the downgrade section, null when there is none
     */
    record SqlRevision(RevisionHeader header, boolean transactional, String upgradeSql, int upgradeLine,
                       String downgradeSql, int downgradeLine) {
        boolean reversible() {
            return downgradeSql != null;
        }
    }

    /** The header/section line syntax; {@link #directive} is its hand-written equivalent (tests compare them). */
    static final Pattern DIRECTIVE = Pattern.compile(
            "^[ \\t]*--[ \\t]*(?:retort:|(?i:retort):(?=[^\\s]))([^\\s]*)[ \\t]*(.*?)[ \\t\\r]*$");
    private static final List<String> HEADER_KEYS = List.of("revision", "revises", "message", "created",
            "branch-labels", "depends-on", "transactional");

    static SqlRevision parse(String text, String file) {
        // a UTF-8 byte-order mark, as Windows editors write one: not part of the first line's directive
        text = TextFiles.withLineFeeds(TextFiles.withoutByteOrderMark(text));
        Lines lines = new Lines(file);
        int offset = 0;
        int lineNo = 0;
        while (offset < text.length()) {
            int eol = text.indexOf('\n', offset);
            int next = eol < 0 ? text.length() : eol + 1;
            lines.line(text.substring(offset, eol < 0 ? text.length() : eol), ++lineNo, offset, next, false);
            offset = next;
        }
        Header h = lines.header();
        String upgradeSql = text.substring(lines.upgradeAt, lines.upgradeEnd >= 0 ? lines.upgradeEnd : text.length());
        String downgradeSql = lines.downgradeAt >= 0 ? text.substring(lines.downgradeAt) : null;
        return new SqlRevision(h.header(), h.transactional(), upgradeSql, lines.upgradeLine, downgradeSql, lines.downgradeLine);
    }

    /** What the commands that only look at the graph need of a SQL revision: its header, checked as {@link #parse} does. */
    record Header(RevisionHeader header, boolean transactional) {
    }

    /**
     * The header of a SQL revision file, with every check {@link #parse} makes (its sections' markers, a near-miss
     * marker, the text's encoding), read as a stream: the sections are not kept, so a data revision of any size is
     * read in bounded memory (t42-2; a run reads it whole, {@link #parse}).
     */
    static Header parseHeader(java.nio.file.Path path, String file) throws java.io.IOException {
        Lines lines = new Lines(file);
        RevisionText.forEachLine(path, file, new RevisionText.LineSink() {
            @Override
            public void line(String line, int lineNo, boolean cut) {
                lines.line(line, lineNo, -1, -1, cut);
            }

            @Override
            public boolean mayCut() {
                return lines.upgradeAt >= 0; // a section's line matters by its start only: a marker, or a near miss
            }
        });
        return lines.header();
    }

    /** The header and section lines of a SQL revision as they come, one line at a time, checked as they come. */
    private static final class Lines {
        private final String file;
        private final Map<String, String> header = new LinkedHashMap<>();
        private final Map<String, Integer> headerLines = new LinkedHashMap<>();
        int upgradeAt = -1, upgradeLine = -1, downgradeAt = -1, downgradeLine = -1;
        int upgradeEnd = -1;
        private int upgradeMarker = -1, downgradeMarker = -1; // the lines of the markers themselves, for messages
        private boolean inBlockComment = false;

        Lines(String file) {
            this.file = file;
        }

        /**
         * @param offset where the line starts in the text (-1 when read as a stream: 0 is taken for "seen")
         * @param next   where the line after it starts
         * @param cut    whether only the line's start is given (a long line in a section)
         */
        void line(String line, int lineNo, int offset, int next, boolean cut) {
            String[] d = inBlockComment ? null : directive(line);
            if (d == null && !inBlockComment && nearMiss(line)) {
                // read as a plain comment, a misspelt marker would run the downgrade as part of the upgrade (t43-1)
                throw new RetortException(file + ":" + lineNo + ": '" + line.strip() + "' is not a Retort header or"
                        + " section line, but looks like one; write it as '-- retort:KEY value' (two dashes, on a line"
                        + " of its own), or reword the comment");
            }
            if (d != null) {
                String key = d[0].toLowerCase(Locale.ROOT);
                String value = d[1];
                switch (key) {
                    case "upgrade" -> {
                        if (upgradeAt >= 0) {
                            throw new RetortException(file + ":" + lineNo + ": a second '-- retort:upgrade' section "
                                    + "(the first is on line " + upgradeMarker + ")");
                        }
                        if (downgradeAt >= 0) {
                            throw new RetortException(file + ":" + lineNo + ": '-- retort:upgrade' after "
                                    + "'-- retort:downgrade' (line " + downgradeMarker + "); the upgrade section comes first");
                        }
                        upgradeAt = Math.max(next, 0);
                        upgradeLine = lineNo + 1;
                        upgradeMarker = lineNo;
                    }
                    case "downgrade" -> {
                        if (downgradeAt >= 0) {
                            throw new RetortException(file + ":" + lineNo + ": a second '-- retort:downgrade' section "
                                    + "(the first is on line " + downgradeMarker + ")");
                        }
                        if (upgradeAt < 0) {
                            throw new RetortException(file + ":" + lineNo + ": '-- retort:downgrade' before "
                                    + "'-- retort:upgrade'; the upgrade section comes first");
                        }
                        upgradeEnd = Math.max(offset, 0);
                        downgradeAt = Math.max(next, 0);
                        downgradeLine = lineNo + 1;
                        downgradeMarker = lineNo;
                    }
                    default -> {
                        if (!HEADER_KEYS.contains(key)) {
                            throw new RetortException(file + ":" + lineNo + ": unknown header key 'retort:" + d[0]
                                    + "' (expected revision, revises, message, created, branch-labels, depends-on, "
                                    + "transactional, upgrade, downgrade)");
                        }
                        if (upgradeAt >= 0) {
                            throw new RetortException(file + ":" + lineNo + ": header '-- retort:" + key
                                    + "' inside the " + (downgradeAt >= 0 ? "downgrade" : "upgrade")
                                    + " section; header lines go before '-- retort:upgrade'");
                        }
                        if (header.containsKey(key)) {
                            throw new RetortException(file + ":" + lineNo + ": header '-- retort:" + key
                                    + "' given twice (first on line " + headerLines.get(key) + ")");
                        }
                        header.put(key, value);
                        headerLines.put(key, lineNo);
                    }
                }
            } else if (upgradeAt < 0) {
                String t = line.strip();
                if (inBlockComment) {
                    if (t.contains("*/")) inBlockComment = false;
                } else if (t.startsWith("/*")) {
                    inBlockComment = !t.contains("*/");
                } else if (!t.isEmpty() && !t.startsWith("--")) {
                    throw new RetortException(file + ":" + lineNo + ": SQL before '-- retort:upgrade'; "
                            + "statements belong in the upgrade or downgrade section");
                }
            }
        }

        /** The header once every line is read; throws what is missing or malformed in it. */
        Header header() {
            String id = header.get("revision");
            if (id == null || id.isBlank()) {
                throw new RetortException(file + ": missing '-- retort:revision ID' header");
            }
            id = id.strip();
            RevisionIds.check(id, file + ":" + headerLines.get("revision"));
            if (upgradeAt < 0) {
                throw new RetortException(file + ": missing '-- retort:upgrade' section");
            }
            List<String> revises = idList(header.get("revises"), "revises", file, headerLines);
            List<String> depends = idList(header.get("depends-on"), "depends-on", file, headerLines);
            List<String> labels = idList(header.get("branch-labels"), "branch-labels", file, headerLines);
            boolean transactional = true;
            String tx = header.get("transactional");
            if (tx != null) {
                transactional = switch (tx.strip().toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new RetortException(file + ":" + headerLines.get("transactional")
                            + ": '-- retort:transactional' must be true or false, not '" + tx.strip() + "'");
                };
            }
            return new Header(new RevisionHeader(id, revises, labels, depends,
                    header.getOrDefault("message", "").strip(), header.getOrDefault("created", "").strip(), file),
                    transactional);
        }
    }

    /**
     * What {@link #DIRECTIVE} matches, without the regex: {key, value} or null. Matching 6,000 header
     * lines with the regex took ~40 ms of a cold start (interpreted); this is the same test by hand:
     * optional blanks, {@code --}, optional blanks, {@code retort:}, the key up to whitespace, blanks,
     * then the value without trailing blanks/CR, which must hold no line terminator.
     */
    static String[] directive(String line) {
        int n = line.length();
        int i = blanks(line, 0);
        if (!line.startsWith("--", i)) return null;
        i = blanks(line, i + 2);
        // the prefix in any case, as the key: '-- Retort:downgrade' read as a comment would run the downgrade (t43-1)
        if (!line.regionMatches(true, i, "retort:", 0, 7)) return null;
        int keyStart = i + 7;
        // '-- Retort: text' is a comment: the notes Retort writes into revisions it generates
        if (!line.startsWith("retort:", i) && (keyStart >= n || regexSpace(line.charAt(keyStart)))) return null;
        int k = keyStart;
        while (k < n && !regexSpace(line.charAt(k))) k++;
        int v = blanks(line, k);
        int end = n;
        while (end > v && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) end--;
        for (int j = v; j < end; j++) {
            char c = line.charAt(j);
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') return null; // '.' stops there
        }
        return new String[]{line.substring(keyStart, k), line.substring(v, end)};
    }

    /**
     * Whether a line that is no directive looks like one: a comment ({@code ---}, {@code /*}, {@code #}, {@code //})
     * whose text starts with {@code retort:} in any case (blanks before the colon too). Such a line was meant as a
     * marker or header; taken for a comment, the statements after it would run in the wrong section.
     */
    static boolean nearMiss(String line) {
        String t = line.strip();
        if (retortNote(t)) return false;
        int i;
        if (t.startsWith("--")) {
            i = 2;
            while (i < t.length() && t.charAt(i) == '-') i++;
        } else if (t.startsWith("/*") || t.startsWith("//")) {
            i = 2;
        } else if (t.startsWith("#")) {
            i = 1;
        } else {
            return false;
        }
        i = blanks(t, i);
        if (!t.regionMatches(true, i, "retort", 0, 6)) return false;
        i = blanks(t, i + 6);
        return i < t.length() && t.charAt(i) == ':';
    }

    /**
     * A note Retort wrote into a revision it generated ({@code -- Retort: alter column ... changes the type ...}): a
     * comment, unless its first word is a header or section key ({@code -- Retort: downgrade} was meant as a marker).
     */
    private static boolean retortNote(String t) {
        if (!t.startsWith(NOTE)) return false;
        int i = blanks(t, NOTE.length());
        int end = i;
        while (end < t.length() && (Character.isLetter(t.charAt(end)) || t.charAt(end) == '-')) end++;
        String word = t.substring(i, end).toLowerCase(Locale.ROOT);
        return !HEADER_KEYS.contains(word) && !word.equals("upgrade") && !word.equals("downgrade");
    }

    /** How the notes in generated revisions begin ({@code dev.retort.dialect.SqlStatement}'s). */
    private static final String NOTE = "-- Retort: ";

    private static int blanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }

    /** {@code \\s} of java.util.regex without UNICODE_CHARACTER_CLASS. */
    private static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static List<String> idList(String value, String key, String file, Map<String, Integer> lines) {
        if (value == null || value.isBlank()) return List.of();
        String where = file + ":" + lines.get(key);
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String p = part.strip();
            if (!key.equals("revises") && !p.isEmpty() && !RevisionIds.isValidLabel(p)) {
                // a label (or a depends-on entry, which may name one): say what is wrong with it
                throw new RetortException(where + ": bad '-- retort:" + key + "' value '" + value.strip() + "': "
                        + (key.equals("branch-labels") ? "label" : "entry") + " '" + p + "': " + RevisionIds.labelProblem(p)
                        + "; e.g. " + (key.equals("branch-labels") ? "'feature_x, v2.0'" : "'ae1027a6acf1, feature_x'"));
            }
            boolean ok = key.equals("revises") ? RevisionIds.isValid(p) : RevisionIds.isValidLabel(p);
            if (p.isEmpty() || !ok) {
                throw new RetortException(where + ": bad '-- retort:" + key + "' value '" + value.strip()
                        + "': expected " + (key.equals("branch-labels") ? "labels separated by commas, e.g. 'feature_x, v2.0'"
                        : key.equals("depends-on") ? "revision ids or labels separated by commas, e.g. 'ae1027a6acf1, feature_x'"
                        : "revision ids separated by commas, e.g. 'ae1027a6acf1, 1975ea83b712'"));
            }
            out.add(p);
        }
        return out;
    }
}
