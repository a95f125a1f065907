package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.TextFiles;
import dev.retort.graph.RevisionHeader;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        return parse(text, file, true);
    }

    /**
     * @param sections whether the sections are wanted, to be run (a line that looks like a marker but lies inside a
     *                 string or body of the SQL is then looked for at every such line); false when only the header
     *                 is (a project's revisions read for their headers: only a line that would be refused is looked at
     *                 that way, and a large data revision is not read through a lexer on every load)
     */
    static SqlRevision parse(String text, String file, boolean sections) {
        // a UTF-8 byte-order mark, as Windows editors write one: not part of the first line's directive
        String t = TextFiles.withLineFeeds(TextFiles.withoutByteOrderMark(text));
        Lines lines = new Lines(file, sections, (from, firstLine) -> new TextLexers(t, from, firstLine));
        int offset = 0;
        int lineNo = 0;
        while (offset < t.length()) {
            int eol = t.indexOf('\n', offset);
            int next = eol < 0 ? t.length() : eol + 1;
            lines.line(t.substring(offset, eol < 0 ? t.length() : eol), ++lineNo, offset, next, false);
            offset = next;
        }
        Header h = lines.header();
        String upgradeSql = t.substring(lines.upgradeAt, lines.upgradeEnd >= 0 ? lines.upgradeEnd : t.length());
        String downgradeSql = lines.downgradeAt >= 0 ? t.substring(lines.downgradeAt) : null;
        return new SqlRevision(h.header(), h.transactional(), upgradeSql, lines.upgradeLine, downgradeSql, lines.downgradeLine);
    }

    /** What the commands that only look at the graph need of a SQL revision: its header, checked as {@link #parse} does. */
    record Header(RevisionHeader header, boolean transactional) {
    }

    /**
     * The header of a SQL revision file, with every check {@link #parse} makes (its sections' markers, a near-miss
     * marker, a marker-like line inside a string or body of the SQL, the text's encoding), read as a stream: the
     * sections are not kept, so a data revision of any size is read in bounded memory (t42-2; a run reads it whole,
     * {@link #parse}). A line that would be refused is judged by the section's SQL read again as a stream from its
     * start ({@link StreamLexers}), only then.
     */
    static Header parseHeader(java.nio.file.Path path, String file) throws java.io.IOException {
        List<StreamLexers> opened = new ArrayList<>();
        boolean crOnly = !RevisionText.containsLineFeed(path);
        Lines lines = new Lines(file, false, (from, firstLine) -> {
            StreamLexers l = new StreamLexers(path, crOnly, firstLine);
            opened.add(l);
            return l;
        });
        try {
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
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (StreamLexers l : opened) l.close();
        }
        return lines.header();
    }

    /** The header and section lines of a SQL revision as they come, one line at a time, checked as they come. */
    private static final class Lines {
        private final String file;
        private final boolean sections;
        private final java.util.function.BiFunction<Integer, Integer, SectionLexers> lexersFrom;
        private final Map<String, String> header = new LinkedHashMap<>();
        private final Map<String, Integer> headerLines = new LinkedHashMap<>();
        int upgradeAt = -1, upgradeLine = -1, downgradeAt = -1, downgradeLine = -1;
        int upgradeEnd = -1;
        private int upgradeMarker = -1, downgradeMarker = -1; // the lines of the markers themselves, for messages
        private int downgradeMarkerAt = -1;                  // and where the downgrade marker starts (-1 in a stream)
        private boolean inBlockComment = false;
        // how the engines read each section's SQL (t45-5), made when first asked: the downgrade section's starts afresh,
        // as it is split on its own
        private SectionLexers upgradeLexers, downgradeLexers;
        private String[] markerInside; // see markerInside()

        /**
         * @param lexersFrom the lexers of a section starting at an offset (-1 in a stream) and a line, made when needed
         */
        Lines(String file, boolean sections, java.util.function.BiFunction<Integer, Integer, SectionLexers> lexersFrom) {
            this.file = file;
            this.sections = sections;
            this.lexersFrom = lexersFrom;
        }

        private SectionLexers upgradeLexers() {
            if (upgradeLexers == null) upgradeLexers = lexersFrom.apply(upgradeAt, upgradeLine);
            return upgradeLexers;
        }

        /** The lexers of the section the lines are in now. */
        private SectionLexers sectionLexers() {
            if (downgradeMarker < 0) return upgradeLexers();
            if (downgradeLexers == null) downgradeLexers = lexersFrom.apply(downgradeAt, downgradeLine);
            return downgradeLexers;
        }

        /**
         * Per engine, what the downgrade marker lies inside as that engine reads the upgrade's SQL (null: in code, a
         * marker for it). Kept, as the lexers read on and cannot be asked about an earlier line again.
         */
        private String[] markerInside() {
            if (markerInside == null) {
                markerInside = new String[SectionLexers.ENGINES.size()];
                for (int i = 0; i < markerInside.length; i++) {
                    markerInside[i] = upgradeLexers().insideAt(i, downgradeMarkerAt, downgradeMarker);
                }
            }
            return markerInside;
        }

        /**
         * Per engine, what the line lies inside as that engine reads the section it is in (null: in code). After a
         * downgrade marker that some engine reads as a string's (or body's) text, that engine's upgrade section goes
         * on through it (t46-6: with MariaDB's backslash escapes, {@code 'it\'s} + the marker + {@code ');} closes the
         * string there, while the other engines' downgrade section opens a string on that last line): the line is read
         * by the upgrade's lexer for that engine, not by the downgrade's, which starts afresh at the marker.
         */
        private String[] insideNow(int offset, int lineNo) {
            String[] out = new String[SectionLexers.ENGINES.size()];
            String[] marker = downgradeMarker < 0 ? null : markerInside();
            for (int i = 0; i < out.length; i++) {
                out[i] = (marker == null || marker[i] != null ? upgradeLexers() : sectionLexers()).insideAt(i, offset, lineNo);
            }
            return out;
        }

        /**
         * Whether a candidate line is SQL text rather than what it looks like: a marker-like line where every engine
         * reads it inside something (else some engine would lose a marker); a conflict marker where any engine does,
         * so that a statement of a one-engine project (a {@code $$} body on PostgreSQL) is never refused.
         */
        private static boolean text(String[] inside, boolean conflict) {
            if (!conflict) return every(inside);
            for (String w : inside) if (w != null) return true;
            return false;
        }

        private static boolean every(String[] inside) {
            for (String w : inside) if (w == null) return false;
            return true;
        }

        /**
         * @param offset where the line starts in the text (-1 when read as a stream: 0 is taken for "seen")
         * @param next   where the line after it starts
         * @param cut    whether only the line's start is given (a long line in a section)
         */
        void line(String line, int lineNo, int offset, int next, boolean cut) {
            String[] d = inBlockComment ? null : directive(line);
            boolean nearMiss = d == null && !inBlockComment && nearMiss(line);
            // a git merge left unresolved (t61-7): refused as the file is read, as a misspelt marker is, not at the
            // statement on deploy after the revisions before it ran; a marker-like line in a string, body or comment
            // of the SQL is that construct's text and stays
            boolean conflict = d == null && !nearMiss && !inBlockComment && conflictMarker(line);
            // in a section, a line inside a string, quoted name, block comment or dollar-quoted body of its SQL is that
            // construct's text, as the statement splitter reads it (t45-5); only where every engine reads it so, since
            // the dialect is not known here: read as text where one engine sees a marker, the marker would be lost on
            // that engine, and its downgrade run as part of the upgrade
            if (d == null && !nearMiss && !conflict && upgradeMarker >= 0) afterSql(line, lineNo, offset);
            boolean candidate = (d != null || nearMiss || conflict) && upgradeMarker >= 0;
            // the file's first downgrade marker is taken as one unlooked at, as in a stream: every revision has one,
            // and lexing its upgrade section four ways before each run cost a 1,000-revision run 4 %; it is judged
            // after all when a later line would be refused (below)
            boolean firstDowngrade = d != null && downgradeMarker < 0 && d[0].equalsIgnoreCase("downgrade");
            if (candidate && sections && !firstDowngrade && text(insideNow(offset, lineNo), conflict)) return;
            for (boolean retried = false; ; retried = true) {
                try {
                    if (conflict) throw conflictError(line, lineNo);
                    check(line, lineNo, offset, next, d, nearMiss);
                    return;
                } catch (RetortException e) {
                    if (!candidate) throw e;
                    // read for the header only, the downgrade marker was taken as one unlooked at: if it lies inside a
                    // string or body for every engine, it was that SQL's text, and this line is read again without it
                    if (!retried && downgradeMarker >= 0 && every(markerInside())) {
                        upgradeEnd = downgradeAt = downgradeLine = downgradeMarker = downgradeMarkerAt = -1;
                        if (downgradeLexers != null) downgradeLexers.close();
                        downgradeLexers = null;
                        markerInside = null;
                        continue;
                    }
                    String[] now = insideNow(offset, lineNo);
                    if (text(now, conflict)) return;
                    // a marker-like line that some engine reads as a string's (or body's) text: say so; the downgrade
                    // marker first, where it is one (the section after it is then no SQL of its own to speak of)
                    String note = downgradeMarker >= 0 ? SectionLexers.note(markerInside(), downgradeMarker) : "";
                    if (note.isEmpty()) note = SectionLexers.note(now, lineNo);
                    if (note.isEmpty()) throw e;
                    throw new RetortException(e.getMessage() + note);
                }
            }
        }

        /**
         * t81-3: refuses a marker or header line written after SQL on its line ({@code CREATE TABLE t (a INT); --
         * retort:downgrade}, or in a block comment there), where some engine reads it in code: as a comment, the
         * statements after it would run in the wrong section (the downgrade's as part of the upgrade), as a near miss
         * at a line's start would.
         */
        private void afterSql(String whole, int lineNo, int offset) {
            // the start a header read is given of a long line (a data revision's): both readings judge the same text
            String line = whole.length() > RevisionText.LINE_LIMIT ? whole.substring(0, RevisionText.LINE_LIMIT) : whole;
            int at = markerAfterSql(line);
            if (at < 0) return;
            String[] inside = insideNow(offset, lineNo);
            for (int i = 0; i < inside.length; i++) {
                // an engine reading the line's start inside a string or body is not asked: it reads on from there
                if (inside[i] != null || !SectionLexers.ENGINES.get(i).inCode(line, at)) continue;
                String marker = line.substring(at, commentEnd(line, at)).strip();
                String key = markerKey(line, at);
                String shown = line.strip();
                if (shown.length() > 160) shown = "..." + line.substring(Math.max(0, at - 60)).strip();
                throw new RetortException(file + ":" + lineNo + ": '" + visible(shown) + "' holds '" + visible(marker)
                        + "' after SQL: a Retort header or section line must be a line of its own, and after SQL it would"
                        + " be read as a comment (the statements after it would run in the wrong section); write '"
                        + (key == null ? "-- retort:KEY value" : "-- retort:" + key + (SECTION_KEYS.contains(key) ? "" : " value"))
                        + "' on a line of its own, or reword the comment" + invisibles(marker));
            }
        }

        private RetortException conflictError(String line, int lineNo) {
            return new RetortException(file + ":" + lineNo + ": '" + line.strip() + "' is a git merge conflict marker;"
                    + " resolve the conflict (keep the right lines, remove the marker lines) before running the revision");
        }

        /** The checks of one line, taken as what it looks like: a directive, a near miss, or a line before the upgrade. */
        private void check(String line, int lineNo, int offset, int next, String[] d, boolean nearMiss) {
            if (nearMiss) {
                // read as a plain comment, a misspelt marker would run the downgrade as part of the upgrade (t43-1)
                throw new RetortException(file + ":" + lineNo + ": '" + visible(line.strip()) + "' is not a Retort header"
                        + " or section line, but looks like one; write it as '-- retort:KEY value' (two dashes, on a line"
                        + " of its own), or reword the comment" + invisibles(line));
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
                        downgradeMarkerAt = offset;
                    }
                    default -> {
                        if (!HEADER_KEYS.contains(key)) {
                            throw new RetortException(file + ":" + lineNo + ": unknown header key 'retort:" + visible(d[0])
                                    + "' (expected revision, revises, message, created, branch-labels, depends-on, "
                                    + "transactional, upgrade, downgrade)" + invisibles(d[0]));
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
     * How each engine's statement splitter reads a section's SQL up to a line (t45-5): one lexer per engine. A file
     * holds one marker-like line after '-- retort:upgrade' as a rule (its downgrade marker), which the first engine
     * reads as code: one engine's lexer is read as a rule.
     */
    private abstract static class SectionLexers {
        static final List<SqlSplitter> ENGINES = List.of(SqlSplitter.postgresql(), SqlSplitter.mysql(true),
                SqlSplitter.sqlite(), SqlSplitter.h2());
        private static final List<String> NAMES = List.of("PostgreSQL", "MariaDB/MySQL", "SQLite", "H2");

        /**
         * As {@link SqlSplitter.LineStates#insideAt}, for engine {@code engine} at the line starting at {@code offset}
         * (-1 in a stream), numbered {@code lineNo}; asked in increasing lines.
         */
        abstract String insideAt(int engine, int offset, int lineNo);

        void close() {
        }

        /**
         * For a message on line {@code lineNo}: which engines read it as a string's (or body's) text; or "".
         *
         * @param perEngine what the line lies inside for each engine of {@link #ENGINES}, null where it is in code
         */
        static String note(String[] perEngine, int lineNo) {
            List<String> inside = new ArrayList<>();
            String what = null;
            for (int i = 0; i < ENGINES.size(); i++) {
                String w = perEngine[i];
                if (w != null) {
                    inside.add(NAMES.get(i));
                    if (what == null) what = w;
                }
            }
            if (inside.isEmpty()) return "";
            return " (as " + String.join(" and ", inside) + " read the SQL, line " + lineNo + " is inside a " + what
                    + ", but not as the other engines do, so it is read as a Retort line: move it out of the string or"
                    + " body, or reword it)";
        }
    }

    /** {@link SectionLexers} over the whole text: each engine's splitter read on as far as asked, made when first asked. */
    private static final class TextLexers extends SectionLexers {
        private final String text;
        private final int from;
        private final int firstLine;
        private final SqlSplitter.LineStates[] states = new SqlSplitter.LineStates[ENGINES.size()];

        TextLexers(String text, int from, int firstLine) {
            this.text = text;
            this.from = from;
            this.firstLine = firstLine;
        }

        @Override
        String insideAt(int engine, int offset, int lineNo) {
            if (states[engine] == null) states[engine] = ENGINES.get(engine).lineStates(text, from, firstLine);
            return states[engine].insideAt(offset);
        }
    }

    /**
     * {@link SectionLexers} of a file read as a stream (t42-2): made only when a line would be refused, they read the
     * file again from its start, the section's lines through every engine's {@link SqlSplitter.LineLexer} as they
     * come, in pieces, up to the line asked about; nothing of the section is kept.
     */
    private static final class StreamLexers extends SectionLexers {
        private final java.nio.file.Path path;
        private final char terminator;
        private final int firstLine;
        private final SqlSplitter.LineLexer[] lexers = new SqlSplitter.LineLexer[ENGINES.size()];
        private java.io.Reader in;
        private final char[] buf = new char[8192];
        private int pos, end;
        private int lineNo = 1; // the line whose start the reader is at
        private boolean first = true;

        StreamLexers(java.nio.file.Path path, boolean crOnly, int firstLine) {
            this.path = path;
            this.terminator = crOnly ? '\r' : '\n';
            this.firstLine = firstLine;
            for (int i = 0; i < lexers.length; i++) lexers[i] = ENGINES.get(i).lineLexer(firstLine);
        }

        @Override
        String insideAt(int engine, int offset, int line) {
            try {
                while (lineNo < line) readLine();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
            return lexers[engine].inside();
        }

        /** Reads through the next line end, giving the line to the lexers when it is in the section. */
        private void readLine() throws java.io.IOException {
            if (in == null) {
                // the bytes up to the line asked about were checked as UTF-8 already (RevisionText.forEachLine)
                in = new java.io.InputStreamReader(java.nio.file.Files.newInputStream(path), StandardCharsets.UTF_8);
            }
            boolean feed = lineNo >= firstLine;
            while (true) {
                if (pos == end) {
                    end = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (end < 0) {
                        end = 0;
                        throw new IllegalStateException("line " + lineNo + " of " + path + " is gone"); // changed under us
                    }
                    if (first) {
                        first = false;
                        if (end > 0 && buf[0] == '\uFEFF') pos = 1; // a byte-order mark, as forEachLine drops it
                    }
                }
                int i = pos;
                while (i < end && buf[i] != terminator) i++;
                if (feed) for (SqlSplitter.LineLexer l : lexers) l.feed(java.nio.CharBuffer.wrap(buf), pos, i);
                if (i < end) {
                    pos = i + 1;
                    if (feed) for (SqlSplitter.LineLexer l : lexers) l.endLine();
                    lineNo++;
                    return;
                }
                pos = end;
            }
        }

        @Override
        void close() {
            if (in == null) return;
            try {
                in.close();
            } catch (java.io.IOException ignored) {
                // read only
            }
            in = null;
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
     * A line git writes around a merge conflict: {@code <<<<<<< ours}, {@code |||||||} base (diff3), {@code =======},
     * {@code >>>>>>> theirs}, at the start of the line; 7 characters by default, more where the file's
     * {@code conflict-marker-size} attribute says so (f11-6). No SQL statement line reads so outside a string or comment.
     */
    static boolean conflictMarker(String line) {
        if (line.length() < 7) return false;
        char c = line.charAt(0);
        if (c != '<' && c != '>' && c != '|' && c != '=') return false;
        int size = 1;
        while (size < line.length() && line.charAt(size) == c) size++;
        if (size < 7) return false;
        String rest = line.substring(size);
        if (c == '=') return rest.isBlank();
        return rest.isEmpty() || rest.charAt(0) == ' ' || rest.isBlank();
    }

    /**
     * Whether a line that is no directive looks like one: a comment ({@code ---}, {@code /*}, {@code #}, {@code //})
     * whose text starts with {@code retort:} in any case (blanks before the colon too, a no-break space among them), or
     * is {@code retort} and a section key without the colon ({@code -- retort downgrade}, {@code -- retort-upgrade},
     * t81-3). Such a line was meant as a marker or header; taken for a comment, the statements after it would run in
     * the wrong section.
     */
    static boolean nearMiss(String line) {
        String t = line.strip();
        if (retortNote(t)) return false;
        int i = commentText(t, 0);
        return i >= 0 && markerText(t, i);
    }

    /** Where the text of a comment opening at {@code at} starts ({@code --} and more dashes, {@code /*}, {@code //}, {@code #}), or -1. */
    private static int commentText(String t, int at) {
        if (t.startsWith("--", at)) {
            int i = at + 2;
            while (i < t.length() && t.charAt(i) == '-') i++;
            return i;
        }
        if (t.startsWith("/*", at) || t.startsWith("//", at)) return at + 2;
        return t.startsWith("#", at) ? at + 1 : -1;
    }

    /** Whether a comment's text from {@code i} reads as a Retort line meant (see {@link #nearMiss}). */
    private static boolean markerText(String t, int i) {
        i = anyBlanks(t, i);
        if (!t.regionMatches(true, i, "retort", 0, 6)) return false;
        int after = i + 6;
        int colon = anyBlanks(t, after);
        if (colon < t.length() && t.charAt(colon) == ':') return true;
        int k = after;
        while (k < t.length() && (t.charAt(k) == '-' || t.charAt(k) == '_' || blank(t.charAt(k)))) k++;
        if (k == after) return false; // 'retorts', 'retorting'
        for (String key : SECTION_KEYS) {
            if (!t.regionMatches(true, k, key, 0, key.length())) continue;
            String rest = t.substring(k + key.length()).strip();
            if (rest.isEmpty() || rest.equals("*/")) return true;
        }
        return false;
    }

    private static final List<String> SECTION_KEYS = List.of("upgrade", "downgrade");

    /**
     * Where a comment that reads as a marker or header ({@link #directive} or {@link #nearMiss}) opens after other
     * text on the line, or -1. Only the text is looked at: whether the opener lies in code is the engines' to say.
     */
    static int markerAfterSql(String line) {
        int first = anyBlanks(line, 0);
        for (int r = indexOfRetort(line, first + 1); r >= 0; r = indexOfRetort(line, r + 1)) {
            int j = r;
            while (j > first && blank(line.charAt(j - 1))) j--;
            int at;
            if (j - 2 > first && line.startsWith("--", j - 2)) {
                at = j - 2;
                while (at > first && line.charAt(at - 1) == '-') at--;
            } else if (j - 2 > first && (line.startsWith("/*", j - 2) || line.startsWith("//", j - 2))) {
                at = j - 2;
            } else if (j - 1 > first && line.charAt(j - 1) == '#') {
                at = j - 1;
            } else {
                continue;
            }
            if (at <= first) continue; // a comment at the line's start: a directive or near miss, judged as one
            String comment = line.substring(at);
            if (directive(comment) != null || nearMiss(comment)) return at;
        }
        return -1;
    }

    /** The next {@code retort} in any case from {@code from}, or -1. */
    private static int indexOfRetort(String line, int from) {
        for (int i = Math.max(from, 0); i + 6 <= line.length(); i++) {
            if ((line.charAt(i) | 0x20) == 'r' && line.regionMatches(true, i, "retort", 0, 6)) return i;
        }
        return -1;
    }

    /** Where the comment opening at {@code at} ends on its line: after its {@code *}{@code /}, or the line's end. */
    private static int commentEnd(String line, int at) {
        if (!line.startsWith("/*", at)) return line.length();
        int close = line.indexOf("*/", at + 2);
        return close < 0 ? line.length() : close + 2;
    }

    /** The header or section key a marker-like comment opening at {@code at} names, in lower case, or null. */
    private static String markerKey(String line, int at) {
        int i = anyBlanks(line, commentText(line, at));
        i += 6; // 'retort'
        while (i < line.length() && (line.charAt(i) == ':' || line.charAt(i) == '-' || line.charAt(i) == '_'
                || blank(line.charAt(i)))) i++;
        int end = i;
        while (end < line.length() && (Character.isLetter(line.charAt(end)) || line.charAt(end) == '-')) end++;
        String key = line.substring(i, end).toLowerCase(Locale.ROOT);
        return HEADER_KEYS.contains(key) || SECTION_KEYS.contains(key) ? key : null;
    }

    /** A blank as a reader sees one: ASCII blanks and Unicode spaces (U+00A0, ...), zero-width ones too. */
    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    private static int anyBlanks(String s, int i) {
        while (i < s.length() && blank(s.charAt(i))) i++;
        return i;
    }

    /** {@code text} with blanks other than the ASCII space and tab written as <code>&#92;uXXXX</code>, for messages. */
    static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hidden = c != ' ' && c != '\t' && (blank(c) || Character.isISOControl(c));
            if (hidden && out == null) out = new StringBuilder(text.substring(0, i));
            if (out != null) out.append(hidden ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out == null ? text : out.toString();
    }

    /** For a message: what the invisible characters of {@code text} are, or "". */
    static String invisibles(String text) {
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || !(blank(c) || Character.isISOControl(c))) continue;
            String name = Character.getName(c);
            named.add(String.format("\\u%04x is a %s", (int) c, name == null ? "control character"
                    : name.toLowerCase(Locale.ROOT)));
        }
        if (named.isEmpty()) return "";
        return " (" + String.join(", ", named) + ", which Retort does not read as a blank: write a plain space)";
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
