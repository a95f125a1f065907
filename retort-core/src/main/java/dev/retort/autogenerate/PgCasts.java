package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The casts of a PostgreSQL expression or default that PostgreSQL itself adds, taken out for comparison:
 * those of a literal ({@code 'x'::character varying}, {@code (0)::numeric}, {@code ('-1'::integer)::numeric},
 * {@code (ARRAY['a'::character varying])::text[]}, {@code 'seq'::regclass}) and those of a column to a type
 * its values reach unchanged, which PostgreSQL puts in to find an operator or function ({@code lower((email)::text)}
 * for a varchar column, {@code (qty)::numeric > 0.5} for an integer one, a date to a timestamp). Every other cast
 * changes the value or its type ({@code (data ->> 'n')::integer}, {@code now()::date}, {@code amount::integer}) and
 * stays, spelt one way: {@code (now())::date} as {@code now()::date}, the type in lower case.
 */
final class PgCasts {

    /** What a column's values are, as far as a cast of them can leave them unchanged. */
    enum Family {
        STRING, SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, DATE, TIMESTAMP, TIMESTAMPTZ,
        /** a type no such cast applies to (boolean, an enum, jsonb, uuid ...) */
        OTHER,
        /** not known to be a column, or of a type Retort cannot place (a domain): taken as a string, as before */
        UNKNOWN
    }

    /** A column's family with its array dimensions ({@code varchar(5)[]}: STRING, 1). */
    record ColumnKind(Family family, int dims) {
        static final ColumnKind UNKNOWN = new ColumnKind(Family.UNKNOWN, 0);
    }

    private enum T { STRING, QIDENT, WORD, SPACE, CAST, PUNCT }

    private record Tok(T type, String text) {
        boolean is(String s) {
            return (type == T.PUNCT || type == T.WORD) && text.equalsIgnoreCase(s);
        }
    }

    /** Words before a parenthesis that do not make it a function call. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("and", "or", "not", "in", "any", "all", "some", "is", "like",
            "ilike", "similar", "between", "when", "then", "else", "case", "exists", "as", "on", "using", "where", "distinct",
            "from", "array", "row");

    /** PostgreSQL's own name for a type a user may spell otherwise (as its catalog prints it). */
    private static final java.util.Map<String, String> CANONICAL = java.util.Map.ofEntries(
            java.util.Map.entry("int", "integer"), java.util.Map.entry("int4", "integer"), java.util.Map.entry("int8", "bigint"),
            java.util.Map.entry("int2", "smallint"), java.util.Map.entry("float8", "double precision"),
            java.util.Map.entry("float4", "real"), java.util.Map.entry("varchar", "character varying"),
            java.util.Map.entry("bool", "boolean"), java.util.Map.entry("decimal", "numeric"),
            java.util.Map.entry("timestamptz", "timestamp"), java.util.Map.entry("timetz", "time"),
            java.util.Map.entry("pg_catalog.text", "text"));

    private PgCasts() {
    }

    /**
     * @param columns a name (lower case, or as quoted) to what its column is; {@link ColumnKind#UNKNOWN} where not known
     */
    static String normalise(String sql, Function<String, ColumnKind> columns) {
        if (sql == null || !sql.contains("::")) return sql;
        List<Tok> in = tokens(sql);
        List<Tok> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Tok t = in.get(i);
            if (t.type() != T.CAST) {
                out.add(t);
                continue;
            }
            int[] end = new int[1];
            String type = type(in, i + 1, end);
            if (type == null) {
                out.add(t);
                continue;
            }
            while (!out.isEmpty() && out.get(out.size() - 1).type() == T.SPACE) out.remove(out.size() - 1);
            int start = operandStart(out, out.size());
            if (start < 0) {
                out.add(t);
                out.add(new Tok(T.WORD, type));
                i = end[0] - 1;
                continue;
            }
            List<Tok> operand = new ArrayList<>(out.subList(start, out.size()));
            if (!literal(operand) && !unchanged(operand, type, columns)) {
                List<Tok> inner = unwrapped(operand);
                if (primary(inner)) {
                    out.subList(start, out.size()).clear();
                    out.addAll(inner);
                }
                out.add(t);
                out.add(new Tok(T.WORD, type));
            }
            i = end[0] - 1;
        }
        StringBuilder s = new StringBuilder();
        for (Tok t : out) s.append(t.text());
        return s.toString();
    }

    // ------------------------------------------------------------------ what a cast does

    private static boolean unchanged(List<Tok> operand, String type, Function<String, ColumnKind> columns) {
        String column = column(operand);
        ColumnKind kind = column != null ? columns.apply(column) : castTo(operand);
        if (kind == null && column == null) return false;
        if (kind == null) kind = ColumnKind.UNKNOWN;
        PgArrayType array = PgArrayType.of(type);
        if (array.dims() != kind.dims()) return false;
        String base = array.element();
        if (base.startsWith("pg_catalog.")) base = base.substring("pg_catalog.".length());
        Family to = family(base);
        if (to == null) return false;
        Family from = kind.family() == Family.UNKNOWN ? Family.STRING : kind.family();
        return switch (from) {
            case STRING -> to == Family.STRING;
            case SMALLINT -> Set.of(Family.SMALLINT, Family.INTEGER, Family.BIGINT, Family.NUMERIC, Family.REAL, Family.DOUBLE).contains(to);
            case INTEGER -> Set.of(Family.INTEGER, Family.BIGINT, Family.NUMERIC, Family.REAL, Family.DOUBLE).contains(to);
            case BIGINT -> Set.of(Family.BIGINT, Family.NUMERIC, Family.REAL, Family.DOUBLE).contains(to);
            case NUMERIC -> Set.of(Family.NUMERIC, Family.REAL, Family.DOUBLE).contains(to);
            case REAL -> to == Family.REAL || to == Family.DOUBLE;
            case DOUBLE -> to == Family.DOUBLE;
            case DATE -> Set.of(Family.DATE, Family.TIMESTAMP, Family.TIMESTAMPTZ).contains(to);
            case TIMESTAMP -> to == Family.TIMESTAMP || to == Family.TIMESTAMPTZ;
            case TIMESTAMPTZ -> to == Family.TIMESTAMPTZ;
            default -> false;
        };
    }

    /**
     * What an operand that is itself a cast is ({@code ((amount)::integer)::numeric}, as PostgreSQL widens the
     * integer to compare it with a numeric); null for any other operand.
     */
    private static ColumnKind castTo(List<Tok> operand) {
        List<Tok> t = unwrapped(operand);
        int n = t.size();
        if (n < 3 || t.get(n - 2).type() != T.CAST || operandStart(t, n - 2) != 0) return null;
        PgArrayType type = PgArrayType.of(t.get(n - 1).text());
        Family f = family(type.element());
        return new ColumnKind(f == null ? Family.OTHER : f, type.dims());
    }

    /** The family of a cast's target type; null for one that may change a value (a length, a precision) or no family. */
    private static Family family(String type) {
        return switch (type) {
            case "text", "character varying", "varchar", "bpchar" -> Family.STRING;
            case "smallint", "int2" -> Family.SMALLINT;
            case "integer", "int", "int4" -> Family.INTEGER;
            case "bigint", "int8" -> Family.BIGINT;
            case "numeric", "decimal" -> Family.NUMERIC;
            case "real", "float4" -> Family.REAL;
            case "double precision", "float8" -> Family.DOUBLE;
            case "date" -> Family.DATE;
            case "timestamp", "timestamp without time zone" -> Family.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> Family.TIMESTAMPTZ;
            default -> null;
        };
    }

    /** A string, number, NULL, TRUE/FALSE, a sign before a number, an ARRAY[...] of literals, in any parentheses. */
    private static boolean literal(List<Tok> toks) {
        List<Tok> t = trimmed(toks);
        if (t.isEmpty()) return false;
        if (t.size() == 1) {
            Tok x = t.get(0);
            if (x.type() == T.STRING) return true;
            if (x.type() != T.WORD) return false;
            String w = x.text().toLowerCase(Locale.ROOT);
            return Character.isDigit(w.charAt(0)) || w.equals("null") || w.equals("true") || w.equals("false");
        }
        if (t.size() == 2 && t.get(1).type() == T.STRING && t.get(0).type() == T.WORD && t.get(0).text().length() == 1) {
            return true; // E'...', B'...', X'...'
        }
        if (t.get(0).is("(") && matching(t, 0) == t.size() - 1) return literal(t.subList(1, t.size() - 1));
        if ((t.get(0).is("-") || t.get(0).is("+")) && t.size() <= 3) {
            List<Tok> rest = trimmed(t.subList(1, t.size()));
            return rest.size() == 1 && rest.get(0).type() == T.WORD && Character.isDigit(rest.get(0).text().charAt(0));
        }
        if (t.get(0).is("array") && t.size() >= 3 && t.get(1).is("[") && matching(t, 1) == t.size() - 1) {
            List<Tok> element = new ArrayList<>();
            for (Tok x : t.subList(2, t.size() - 1)) {
                if (x.is(",")) {
                    if (!literal(element)) return false;
                    element.clear();
                } else {
                    element.add(x);
                }
            }
            return trimmed(element).isEmpty() ? t.size() == 3 : literal(element);
        }
        return false;
    }

    /** The column an operand is ({@code code}, {@code (code)}, {@code "Code"}, {@code t.code}); null for anything else. */
    private static String column(List<Tok> operand) {
        List<Tok> t = unwrapped(operand);
        if (t.isEmpty()) return null;
        Tok last = t.get(t.size() - 1);
        for (int i = 0; i < t.size(); i++) {
            Tok x = t.get(i);
            boolean name = x.type() == T.QIDENT || x.type() == T.WORD && !Character.isDigit(x.text().charAt(0));
            if (i % 2 == 0 ? !name : !x.is(".")) return null;
        }
        if (t.size() % 2 == 0) return null;
        if (last.type() == T.QIDENT) return last.text().substring(1, last.text().length() - 1).replace("\"\"", "\"");
        String w = last.text().toLowerCase(Locale.ROOT);
        return w.equals("null") || w.equals("true") || w.equals("false") ? null : w;
    }

    /** A name or a function call: what needs no parentheses before a cast. */
    private static boolean primary(List<Tok> t) {
        if (column(t) != null) return true;
        if (t.isEmpty() || t.get(0).type() != T.WORD) return false;
        int p = t.size() >= 3 && t.get(1).is(".") && t.get(2).type() == T.WORD ? 3 : 1;
        return t.size() > p && t.get(p).is("(") && matching(t, p) == t.size() - 1;
    }

    private static List<Tok> unwrapped(List<Tok> toks) {
        List<Tok> t = trimmed(toks);
        while (!t.isEmpty() && t.get(0).is("(") && matching(t, 0) == t.size() - 1) t = trimmed(t.subList(1, t.size() - 1));
        return t;
    }

    private static List<Tok> trimmed(List<Tok> t) {
        int a = 0;
        int b = t.size();
        while (a < b && t.get(a).type() == T.SPACE) a++;
        while (b > a && t.get(b - 1).type() == T.SPACE) b--;
        return t.subList(a, b);
    }

    private static int matching(List<Tok> t, int open) {
        String o = t.get(open).text();
        String c = o.equals("(") ? ")" : "]";
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).is(o)) depth++;
            else if (t.get(i).is(c) && --depth == 0) return i;
        }
        return -1;
    }

    // ------------------------------------------------------------------ reading

    /** Where the operand of a cast at {@code end} starts in what is read so far; -1 where there is none. */
    private static int operandStart(List<Tok> out, int end) {
        if (end == 0) return -1;
        Tok last = out.get(end - 1);
        if (last.is(")") || last.is("]")) {
            String close = last.text();
            String open = close.equals(")") ? "(" : "[";
            int depth = 0;
            int p = end - 1;
            for (; p >= 0; p--) {
                if (out.get(p).is(close)) depth++;
                else if (out.get(p).is(open) && --depth == 0) break;
            }
            if (p < 0) return -1;
            if (p > 0 && out.get(p - 1).type() == T.WORD) {
                String w = out.get(p - 1).text().toLowerCase(Locale.ROOT);
                if (open.equals("[") && w.equals("array")) return p - 1;
                if (open.equals("(") && !NOT_FUNCTIONS.contains(w) && !Character.isDigit(w.charAt(0))) return qualified(out, p - 1);
            }
            if (open.equals("[") && p > 0) return operandStart(out, p); // a subscript: of what is before it
            return p;
        }
        if (last.type() == T.STRING) {
            int p = end - 1;
            if (p > 0 && out.get(p - 1).type() == T.WORD && out.get(p - 1).text().length() == 1) p--;
            return p;
        }
        if (last.type() == T.WORD || last.type() == T.QIDENT) return qualified(out, end - 1);
        return -1;
    }

    private static int qualified(List<Tok> out, int p) {
        while (p >= 2 && out.get(p - 1).is(".") && (out.get(p - 2).type() == T.WORD || out.get(p - 2).type() == T.QIDENT)) p -= 2;
        return p;
    }

    /** The cast's type from {@code from}, in one spelling ({@code character varying(10)[]}); null where there is none. */
    private static String type(List<Tok> in, int from, int[] end) {
        int i = skip(in, from);
        if (i >= in.size() || in.get(i).type() != T.WORD && in.get(i).type() != T.QIDENT) return null;
        StringBuilder s = new StringBuilder(word(in.get(i++)));
        if (i + 1 < in.size() && in.get(i).is(".") && (in.get(i + 1).type() == T.WORD || in.get(i + 1).type() == T.QIDENT)) {
            s.append('.').append(word(in.get(i + 1)));
            i += 2;
        }
        int j = skip(in, i);
        if (j < in.size() && (in.get(j).is("varying") || in.get(j).is("precision"))) {
            s.append(' ').append(word(in.get(j)));
            i = j + 1;
        }
        j = skip(in, i);
        if (j < in.size() && in.get(j).is("(")) {
            int close = matching(in, j);
            if (close < 0) return null;
            s.append('(');
            for (Tok x : in.subList(j + 1, close)) if (x.type() != T.SPACE) s.append(x.text());
            s.append(')');
            i = close + 1;
        }
        j = skip(in, i);
        boolean zone = false;
        if (j < in.size() && (in.get(j).is("with") || in.get(j).is("without"))) {
            int k = skip(in, j + 1);
            int l = k < in.size() ? skip(in, k + 1) : k;
            if (k < in.size() && in.get(k).is("time") && l < in.size() && in.get(l).is("zone")) {
                s.append(' ').append(word(in.get(j))).append(" time zone");
                i = l + 1;
                zone = true;
            }
        }
        String name = s.toString().replaceFirst("\\(.*", "");
        String canonical = CANONICAL.get(name);
        if (canonical != null) s.replace(0, name.length(), canonical);
        if (!zone && (name.equals("timestamp") || name.equals("time"))) s.append(" without time zone");
        if (!zone && (name.equals("timestamptz") || name.equals("timetz"))) s.append(" with time zone");
        while (true) {
            j = skip(in, i);
            if (j + 1 < in.size() && in.get(j).is("[") && in.get(j + 1).is("]")) {
                s.append("[]");
                i = j + 2;
            } else if (j + 2 < in.size() && in.get(j).is("[") && in.get(j + 1).type() == T.WORD && in.get(j + 2).is("]")) {
                s.append("[]"); // varchar(5)[3]: the size is not enforced
                i = j + 3;
            } else {
                break;
            }
        }
        end[0] = i;
        return s.toString();
    }

    private static String word(Tok t) {
        return t.type() == T.QIDENT ? t.text() : t.text().toLowerCase(Locale.ROOT);
    }

    private static int skip(List<Tok> in, int i) {
        while (i < in.size() && in.get(i).type() == T.SPACE) i++;
        return i;
    }

    private static List<Tok> tokens(String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int j = i + 1;
            T type;
            if (c == '\'' || c == '"') {
                while (j < n) {
                    if (s.charAt(j) == c) {
                        if (j + 1 < n && s.charAt(j + 1) == c) j += 2;
                        else break;
                    } else {
                        j++;
                    }
                }
                j = Math.min(j + 1, n);
                type = c == '\'' ? T.STRING : T.QIDENT;
            } else if (Character.isWhitespace(c)) {
                while (j < n && Character.isWhitespace(s.charAt(j))) j++;
                type = T.SPACE;
            } else if (c == ':' && j < n && s.charAt(j) == ':') {
                j++;
                type = T.CAST;
            } else if (Character.isDigit(c)) {
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '_')) j++;
                type = T.WORD;
            } else if (Character.isLetter(c) || c == '_') {
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) j++;
                type = T.WORD;
            } else {
                type = T.PUNCT;
            }
            out.add(new Tok(type, s.substring(i, j)));
            i = j;
        }
        return out;
    }
}
