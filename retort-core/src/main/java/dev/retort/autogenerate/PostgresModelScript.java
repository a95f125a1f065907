package dev.retort.autogenerate;

import dev.retort.script.SqlSplitter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a {@code sql:} model file on PostgreSQL land in the schema its scratch reads, which stands in for the
 * compared schema (the connection's own, {@code app} with {@code ?currentSchema=app}): a {@code pg_dump} file
 * names every object with that schema ({@code CREATE TABLE app.customer}), and was read from {@code public}
 * or from nowhere (t56-8, t57-12), so that every table of the database looked removed.
 * <ul>
 *   <li>{@code CREATE SCHEMA} of the compared schema is left out: the scratch has it, or stands in for it;</li>
 *   <li>with a scratch on the user's own database, {@code CREATE SCHEMA} (and {@code COMMENT ON SCHEMA}) of a schema
 *       the database has is left out too: the file only uses what is in it (t59-2);</li>
 *   <li>ownership and privileges ({@code ALTER ... OWNER TO}, {@code GRANT}, {@code REVOKE}) are left out: the
 *       model has no place for them, and a user who is not a member of the dump's roles cannot run them;</li>
 *   <li>when the scratch is a schema on the user's own database (no CREATEDB), the compared schema's qualifier
 *       of each object the file creates becomes the scratch schema's ({@code public.item} -> {@code retort_scratch_...item},
 *       also in a {@code 'public.item_id_seq'::regclass} literal), and a {@code COMMENT ON EXTENSION} (whose
 *       extension is the database's, not the file's) is left out. Other qualified names (an extension's
 *       {@code public.gin_trgm_ops}) still name the database's objects, which the file only reads;</li>
 *   <li>in the session's temporary schema ({@code pg_temp}), which takes neither, a materialized view is left out
 *       with what the file later does to it, and {@code CREATE UNLOGGED TABLE} runs as {@code CREATE TABLE}.</li>
 * </ul>
 * Strings, comments and dollar-quoted bodies are left alone.
 */
final class PostgresModelScript {
    private static final SqlSplitter LEXER = SqlSplitter.postgresql();
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern OWNERSHIP = Pattern.compile("(?is)(?:GRANT|REVOKE)\\s.*|ALTER\\s+DEFAULT\\s+PRIVILEGES\\s.*"
            + "|ALTER\\s.*\\sOWNER\\s+TO\\s+\\S+\\s*;?");
    private static final Pattern EXTENSION_COMMENT = Pattern.compile("(?is)COMMENT\\s+ON\\s+EXTENSION\\s.*");
    /** An object the statement creates, named with a schema: kind words, then schema.name. */
    private static final Pattern CREATED = Pattern.compile("(?is)CREATE\\s+(?:OR\\s+REPLACE\\s+)?"
            + "(?:(?!(?:ON|TO|AS|FOR|FROM|IF)\\b)[A-Z]+\\s+){1,4}(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + "\\s*\\.\\s*" + NAME + ".*");
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";
    /** An operator the statement creates: {@code CREATE OPERATOR public.~<< (...)}. */
    private static final Pattern CREATED_OPERATOR = Pattern.compile("(?is)CREATE\\s+OPERATOR\\s+" + NAME
            + "\\s*\\.\\s*([-+*/<>=~!@#%^&|`?]+)\\s*\\(.*");
    /** A sequence made with its identity column, named: {@code ADD GENERATED ... AS IDENTITY (SEQUENCE NAME public.t_id_seq ...)}. */
    private static final Pattern SEQUENCE_NAME = Pattern.compile("(?i)\\bSEQUENCE\\s+NAME\\s+" + NAME + "\\s*\\.\\s*" + NAME);
    /** An index the statement creates: named without a schema, it goes in its table's. */
    /** The table an ALTER TABLE or CREATE TABLE names: the constraints it adds have indexes of the same name there. */
    private static final Pattern TABLE_STATEMENT = Pattern.compile("(?is)(?:ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
            + "|CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:(?:TEMPORARY|TEMP|UNLOGGED)\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?)"
            + NAME + "\\s*\\.\\s*" + NAME + "[\\s(].*");
    /** A named constraint that makes an index of its name: {@code CONSTRAINT pay_pkey PRIMARY KEY}, UNIQUE, EXCLUDE. */
    private static final Pattern INDEXED_CONSTRAINT = Pattern.compile("(?i)\\bCONSTRAINT\\s+" + NAME
            + "\\s+(?:PRIMARY\\s+KEY|UNIQUE|EXCLUDE)\\b");
    private static final Pattern CREATED_INDEX = Pattern.compile("(?is)CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + "\\s+ON\\s+(?:ONLY\\s+)?" + NAME + "\\s*\\.\\s*" + NAME + ".*");

    /** What runs, and the statements left out with why (for the log). */
    record Prepared(List<SqlSplitter.Statement> statements, List<Skipped> skipped) {
    }

    record Skipped(SqlSplitter.Statement statement, String why) {
        boolean ownership() {
            return why.equals(OWNERSHIP_WHY);
        }
    }

    private static final String OWNERSHIP_WHY = "ownership and privileges are not part of the model";
    private static final String MATERIALIZED_WHY = "a materialized view cannot be made in the temporary schema, and views are not part of the model";
    private static final Pattern UNLOGGED = Pattern.compile("(?is)^((?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*CREATE\\s+)UNLOGGED\\s+(?=TABLE\\s)");
    private static final Pattern CREATE_SCHEMA = Pattern.compile("(?is)(?:CREATE\\s+SCHEMA\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?|COMMENT\\s+ON\\s+SCHEMA\\s+)"
            + NAME + "(?:\\s.*|;)?");
    private static final Pattern MATERIALIZED_VIEW = Pattern.compile("(?is)CREATE\\s+MATERIALIZED\\s+VIEW\\s.*");

    private PostgresModelScript() {
    }

    /**
     * @param compared the compared schema, the connection's own
     * @param scratch  the schema that stands in for it on the user's database, or null when the scratch is a
     *                 database of its own, where the compared schema itself is read
     */
    static Prepared prepare(List<SqlSplitter.Statement> statements, String compared, String scratch) {
        return prepare(statements, compared, scratch, Set.of());
    }

    /**
     * @param existing the schemas the user's database has: with a scratch schema there, the file's {@code CREATE SCHEMA}
     *                 of one of them (a dump's {@code ext} for extensions) is left out, as it would fail ("already
     *                 exists", or "permission denied" for a user who may not create schemas) while the file only
     *                 reads the database's objects in it (t59-2)
     */
    static Prepared prepare(List<SqlSplitter.Statement> statements, String compared, String scratch, Set<String> existing) {
        List<SqlSplitter.Statement> kept = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<String> created = new LinkedHashSet<>();
        // materialized views cannot be made in pg_temp (they may not use temporary tables); views are not part of
        // the model, so one is left out there, with what the file does to it later (its indexes, REFRESH)
        Set<String> omitted = new LinkedHashSet<>();
        boolean temporary = "pg_temp".equals(scratch);
        for (SqlSplitter.Statement st : statements) {
            String code = code(st.sql());
            Matcher schema = CREATE_SCHEMA.matcher(code);
            Matcher c = CREATED.matcher(code);
            boolean createsHere = c.matches() && name(c.group(1)).equals(compared);
            if (schema.matches() && name(schema.group(1)).equals(compared)) {
                skipped.add(new Skipped(st, "the scratch " + (scratch == null ? "has the schema " + compared
                        : "schema stands in for " + compared)));
            } else if (scratch != null && schema.matches() && existing.contains(name(schema.group(1)))) {
                skipped.add(new Skipped(st, "the database has the schema " + name(schema.group(1))));
            } else if (OWNERSHIP.matcher(code).matches()) {
                skipped.add(new Skipped(st, OWNERSHIP_WHY));
            } else if (scratch != null && EXTENSION_COMMENT.matcher(code).matches()) {
                skipped.add(new Skipped(st, "the extension is the database's"));
            } else if (temporary && createsHere && MATERIALIZED_VIEW.matcher(code).matches()) {
                omitted.add(name(c.group(2)));
                skipped.add(new Skipped(st, MATERIALIZED_WHY));
            } else if (temporary && !omitted.isEmpty() && references(code, compared).stream().anyMatch(omitted::contains)) {
                skipped.add(new Skipped(st, MATERIALIZED_WHY));
            } else {
                if (temporary && UNLOGGED.matcher(st.sql()).find()) {
                    // only temporary tables may be made in pg_temp, and they are never logged; the model has no place for it
                    st = new SqlSplitter.Statement(UNLOGGED.matcher(st.sql()).replaceFirst("$1"), st.line());
                }
                kept.add(st);
                if (createsHere) created.add(name(c.group(2)));
                Matcher op = CREATED_OPERATOR.matcher(code);
                if (op.matches() && name(op.group(1)).equals(compared)) created.add(op.group(2));
                Matcher seq = SEQUENCE_NAME.matcher(code);
                while (seq.find()) if (name(seq.group(1)).equals(compared)) created.add(name(seq.group(2)));
                Matcher ix = CREATED_INDEX.matcher(code);
                if (ix.matches() && name(ix.group(2)).equals(compared)) created.add(name(ix.group(1)));
                // a dump's ALTER TABLE ONLY public.pay ADD CONSTRAINT pay_pkey PRIMARY KEY makes the index pay_pkey,
                // which its ALTER INDEX public.pay_pkey ATTACH PARTITION and COMMENT ON INDEX name (t59-1)
                Matcher table = TABLE_STATEMENT.matcher(code);
                if (table.matches() && name(table.group(1)).equals(compared)) {
                    Matcher k = INDEXED_CONSTRAINT.matcher(code);
                    while (k.find()) created.add(name(k.group(1)));
                }
            }
        }
        if (scratch == null || created.isEmpty()) return new Prepared(kept, skipped);
        List<SqlSplitter.Statement> out = new ArrayList<>(kept.size());
        for (SqlSplitter.Statement st : kept) {
            out.add(new SqlSplitter.Statement(requalify(st.sql(), compared, created, scratch), st.line()));
        }
        return new Prepared(out, skipped);
    }

    /** The names {@code sql} qualifies with {@code compared}, in code and in regclass literals. */
    static Set<String> references(String sql, String compared) {
        Set<String> out = new LinkedHashSet<>();
        scan(sql, compared, name -> {
            out.add(name);
            return false;
        });
        return out;
    }

    /** {@code compared.x} -> {@code scratch.x} for each {@code x} in {@code created}, in code and in regclass literals. */
    static String requalify(String sql, String compared, Set<String> created, String scratch) {
        return scan(sql, compared, created::contains).replace("\0", quoted(scratch));
    }

    /**
     * Calls {@code requalified} with each name that {@code sql} qualifies with {@code compared}; where it says
     * true, the qualifier is replaced by a NUL character (for the caller to replace). Strings, comments and quoted
     * bodies are left alone, but for the text of a {@code '...'::regclass} literal.
     */
    private static String scan(String sql, String compared, java.util.function.Predicate<String> requalified) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int skip = c == '"' ? i : LEXER.skipNonCode(sql, i);
            if (skip > i) {
                String literal = sql.substring(i, skip);
                if (c == '\'' && sql.startsWith("::regclass", skip) && literal.length() >= 2) {
                    literal = "'" + scan(literal.substring(1, literal.length() - 1).replace("''", "'"), compared, requalified)
                            .replace("'", "''") + "'";
                }
                out.append(literal);
                i = skip;
                continue;
            }
            boolean starts = c == '"' || Character.isLetter(c) || c == '_';
            if (!starts || i > 0 && (MariaDbModelScript.isIdentifierPart(sql.charAt(i - 1)) || sql.charAt(i - 1) == '.')) {
                out.append(c);
                i++;
                continue;
            }
            int end = c == '"' ? LEXER.skipNonCode(sql, i) : MariaDbModelScript.identifierEnd(sql, i);
            int dot = end;
            while (dot < n && Character.isWhitespace(sql.charAt(dot))) dot++;
            if (dot < n && sql.charAt(dot) == '.' && name(sql.substring(i, end)).equals(compared)) {
                int next = dot + 1;
                while (next < n && Character.isWhitespace(sql.charAt(next))) next++;
                int nextEnd = next < n && sql.charAt(next) == '"' ? LEXER.skipNonCode(sql, next)
                        : next < n && OPERATOR_CHARS.indexOf(sql.charAt(next)) >= 0 ? operatorEnd(sql, next) : MariaDbModelScript.identifierEnd(sql, next);
                if (nextEnd > next && requalified.test(name(sql.substring(next, nextEnd)))) {
                    out.append('\0').append('.');
                    i = next;
                    continue;
                }
            }
            out.append(sql, i, end);
            i = end;
        }
        return out.toString();
    }

    /** The name as PostgreSQL stores it: a quoted one as written, another in lower case. */
    static String name(String identifier) {
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }

    static String quoted(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The statement's code: comments a space, strings and quoted names kept. */
    private static String code(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            int end = LEXER.skipNonCode(sql, i);
            if (end > i) {
                char c = sql.charAt(i);
                out.append(c == '\'' || c == '"' || c == '$' || c == 'E' || c == 'e' ? sql.substring(i, end) : " ");
                i = end;
            } else {
                out.append(sql.charAt(i++));
            }
        }
        return out.toString().strip();
    }

    /** The end of an operator's name ({@code OPERATOR(public.~<<)}); a comment's start ends it. */
    private static int operatorEnd(String sql, int start) {
        int i = start;
        while (i < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0 && !sql.startsWith("--", i) && !sql.startsWith("/*", i)) i++;
        return i;
    }

}
