package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.schema.Column;
import dev.retort.schema.SqlType;
import dev.retort.schema.SqlType.Kind;
import dev.retort.schema.Table;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What "equal" means on one engine: type aliases ({@code int4} = {@code integer}, {@code varchar}
 * without length, {@code timestamp without time zone}, MariaDB's {@code tinyint(1)} = boolean ...),
 * server-default spellings ({@code 'x'::character varying} = {@code 'x'}, {@code now()} =
 * {@code CURRENT_TIMESTAMP}, MariaDB's {@code current_timestamp()}) and SQL expressions (checks,
 * index expressions, partial-index predicates) compared without parentheses, quotes or case, and without the
 * casts PostgreSQL adds itself ({@link PgCasts}; a cast that changes a value is part of the expression).
 * <p>
 * Keys are compared, never shown: the user always sees the model's own spelling.
 */
final class ComparisonRules {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern OPEN = Pattern.compile("\\s*\\(\\s*");
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern CLOSE = Pattern.compile("\\s*\\)");
    private static final Pattern QUOTED_NUMBER = Pattern.compile("'(-?\\d+(?:\\.\\d+)?)'");
    private static final Pattern QUOTED_NUMBER_ONLY = Pattern.compile("'-?\\d+(\\.\\d+)?'");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    /** PostgreSQL stores {@code x IN ('a', 'b')} as {@code x = ANY (ARRAY['a', 'b'])}, and NOT IN as {@code <> ALL}. */
    private static final Pattern ANY_ARRAY = Pattern.compile(
            "(=\\s*any|<>\\s*all)\\s*\\(\\s*(?:\\(\\s*)?array\\s*\\[((?:'(?:[^']|'')*'|[^\\]'])*)]\\s*(?:\\)\\s*)?\\)");
    /** ... and {@code x IN ('a')} of one value as {@code x = 'a'} (NOT IN as {@code <>}). */
    private static final Pattern IN_ONE = Pattern.compile(
            "(?<![a-z0-9_])(not\\s+)?in\\s*\\(\\s*(-?\\d+(?:\\.\\d+)?|'(?:[^']|'')*')\\s*\\)");
    /** {@code CAST(0 AS NUMERIC(1))}, {@code CAST('x' AS CHARACTER VARYING(1))}: how H2 stores a literal. */
    static final Pattern LITERAL_CAST = Pattern.compile("(?i)\\bcast\\s*\\(\\s*(-?\\d+(?:\\.\\d+)?|'(?:[^']|'')*')\\s+as\\s+"
            + "[a-z_][a-z0-9_ ]*?(?:\\s*\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?\\s*\\)");

    private final Dialect engine;
    /** One comparison asks for the same few types thousands of times. */
    private final Map<SqlType, String> typeKeys = new java.util.HashMap<>();

    ComparisonRules(Dialect engine) {
        this.engine = engine;
    }

    private static final Pattern WORD_ARGS = Pattern.compile(
            "([a-z][a-z0-9 ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?((?:\\s+(?:with|without) time zone)?)((?:\\s+unsigned)?)");
    private static final Map<String, Kind> ALIASES = Map.ofEntries(
            Map.entry("int", Kind.INTEGER), Map.entry("integer", Kind.INTEGER), Map.entry("int4", Kind.INTEGER),
            Map.entry("serial", Kind.INTEGER), Map.entry("serial4", Kind.INTEGER),
            Map.entry("bigint", Kind.BIGINT), Map.entry("int8", Kind.BIGINT), Map.entry("bigserial", Kind.BIGINT),
            Map.entry("serial8", Kind.BIGINT),
            Map.entry("smallint", Kind.SMALLINT), Map.entry("int2", Kind.SMALLINT), Map.entry("smallserial", Kind.SMALLINT),
            Map.entry("bool", Kind.BOOLEAN), Map.entry("boolean", Kind.BOOLEAN),
            Map.entry("text", Kind.TEXT), Map.entry("clob", Kind.TEXT), Map.entry("character large object", Kind.TEXT),
            Map.entry("varchar", Kind.STRING), Map.entry("character varying", Kind.STRING), Map.entry("nvarchar", Kind.STRING),
            Map.entry("char", Kind.CHAR), Map.entry("character", Kind.CHAR), Map.entry("bpchar", Kind.CHAR),
            Map.entry("numeric", Kind.NUMERIC), Map.entry("decimal", Kind.NUMERIC), Map.entry("dec", Kind.NUMERIC),
            Map.entry("real", Kind.REAL), Map.entry("float4", Kind.REAL),
            Map.entry("double", Kind.DOUBLE), Map.entry("double precision", Kind.DOUBLE), Map.entry("float8", Kind.DOUBLE),
            Map.entry("date", Kind.DATE), Map.entry("time", Kind.TIME), Map.entry("timetz", Kind.TIME),
            Map.entry("timestamp", Kind.TIMESTAMP), Map.entry("timestamptz", Kind.TIMESTAMP), Map.entry("datetime", Kind.TIMESTAMP),
            Map.entry("uuid", Kind.UUID), Map.entry("json", Kind.JSON), Map.entry("bytea", Kind.BLOB), Map.entry("blob", Kind.BLOB),
            Map.entry("binary large object", Kind.BLOB), Map.entry("binary", Kind.BINARY), Map.entry("interval", Kind.INTERVAL));

    String dialect() {
        return engine.name();
    }

    boolean postgres() {
        return dialect().equals("postgresql");
    }

    boolean mariadb() {
        return dialect().equals("mariadb");
    }

    boolean sqlite() {
        return dialect().equals("sqlite");
    }

    /**
     * A foreign key's ON DELETE / ON UPDATE action as this engine applies it, null for the default. NO ACTION is
     * the default everywhere; RESTRICT is the same thing where the engine has no deferred checks and reads either
     * back as the other: InnoDB (MariaDB), and H2, which stores NO ACTION and an action left out as RESTRICT.
     * PostgreSQL and SQLite tell the two apart (RESTRICT is checked at once, NO ACTION at the statement's end).
     */
    String foreignKeyAction(String action) {
        if (action == null) return null;
        // SET NULL (a,b) as PostgreSQL writes it back, SET NULL (a, b); the column names stay as they are
        if (action.contains("(")) return dev.retort.dialect.SqlRenderer.referentialAction(action);
        String u = action.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (u.equals("NO ACTION")) return null;
        if (u.equals("RESTRICT") && (mariadb() || dialect().equals("h2"))) return null;
        return u;
    }

    /** Whether {@code name} and {@code Name} name one column: on MariaDB and SQLite, not on PostgreSQL and H2 (quoted). */
    boolean columnNamesIgnoreCase() {
        return mariadb() || sqlite();
    }

    /** MariaDB keeps unique constraints as unique indexes: the two are the same object there. */
    boolean uniqueIndexIsConstraint() {
        return mariadb();
    }

    /** Types equal on this engine get equal keys. */
    String typeKey(SqlType type) {
        String cached = typeKeys.get(type);
        if (cached != null) return cached;
        String key = computeTypeKey(type);
        typeKeys.put(type, key);
        return key;
    }

    /** The type as the engine makes it: through its own DDL spelling, so a type equals what creating it would give. */
    private SqlType resolved(SqlType type) {
        if (type.kind() == Kind.ENUM && postgres()) return type;
        String sql;
        try {
            sql = engine.typeSql(type);
        } catch (RuntimeException notOnThisEngine) {
            sql = null;
        }
        return sql != null ? fromAlias(sql) : type.kind() == Kind.RAW ? fromAlias(type.raw()) : type;
    }

    private String computeTypeKey(SqlType type) {
        SqlType t = resolved(type);
        if (t.kind() == Kind.RAW) return "raw:" + spaces(t.raw().toLowerCase(Locale.ROOT));
        Kind kind = t.kind();
        boolean tz = t.withTimeZone() && !sqlite();
        if (sqlite()) {
            // SQLite stores these under the names Retort declares for them
            if (kind == Kind.UUID) return "CHAR(36)";
            if (kind == Kind.ENUM) return "STRING()";
        }
        if (mariadb() && kind == Kind.BOOLEAN) return "BOOLEAN";
        return switch (kind) {
            case STRING, CHAR, BINARY -> kind + "(" + (t.length() == null ? "" : t.length()) + ")";
            case NUMERIC -> t.precision() == null ? "NUMERIC" : "NUMERIC(" + t.precision() + "," + (t.scale() == null ? 0 : t.scale()) + ")";
            case TIMESTAMP, TIME -> kind + "(" + precision(kind, t.precision()) + ")" + (tz ? " TZ" : "");
            case ENUM -> postgres() && t.enumName() != null ? "ENUM " + t.enumName() : "ENUM " + t.enumValues();
            default -> kind.name();
        };
    }

    private String precision(Kind kind, Integer p) {
        int dflt = mariadb() ? 0 : kind == Kind.TIME && dialect().equals("h2") ? 0 : 6;
        return p == null || p == dflt ? "" : p.toString();
    }

    /**
     * Whether PostgreSQL needs {@code USING col::type} to change a column from one type to the other. It
     * applies its assignment casts by itself, which cover changes within the string family (and anything
     * to a string), within the numbers, within date-times and between binary types; other changes
     * (text to integer, integer to boolean, to uuid, unknown types ...) need the explicit cast.
     */
    boolean needsCast(SqlType from, SqlType to) {
        Family a = family(from.kind() == Kind.RAW ? fromAlias(from.raw()) : from);
        Family b = family(to.kind() == Kind.RAW ? fromAlias(to.raw()) : to);
        if (b == Family.STRING) return false;
        return a == Family.OTHER || a != b;
    }

    /**
     * Whether a column of type {@code from} changes to {@code to} in place keeping every value as it is, on every
     * engine: a longer or unbounded string ({@code varchar(50)} to {@code varchar(80)} or {@code text}), a larger
     * integer, a numeric with no fewer digits on either side of the point, {@code real} to {@code double}. What a
     * rename may come with and still be proposed as one (t57-6); other changes may fail or lose data.
     */
    boolean widens(SqlType from, SqlType to) {
        SqlType a = resolved(from);
        SqlType b = resolved(to);
        IntegerRange ia = IntegerRange.of(a);
        if (ia != null) {
            IntegerRange ib = IntegerRange.of(b);
            return ib != null && ib.holds(ia);
        }
        return switch (a.kind()) {
            case STRING -> b.kind() == Kind.TEXT || b.kind() == Kind.STRING
                    && (b.length() == null || a.length() != null && b.length() >= a.length());
            case TEXT -> b.kind() == Kind.TEXT;
            case NUMERIC -> b.kind() == Kind.NUMERIC && (b.precision() == null || a.precision() != null
                    && scale(b) >= scale(a) && b.precision() - scale(b) >= a.precision() - scale(a));
            case REAL -> b.kind() == Kind.REAL || b.kind() == Kind.DOUBLE;
            case DOUBLE -> b.kind() == Kind.DOUBLE;
            default -> false;
        };
    }

    private static final Pattern INTEGER_TYPE = Pattern.compile(
            "(tinyint|smallint|mediumint|int|integer|bigint)(?:\\s*\\(\\s*\\d+\\s*\\))?((?:\\s+(?:unsigned|signed|zerofill))*)");

    /**
     * t69-1: an integer type as the values it holds, the portable ones and the engines' own that stay raw (MariaDB's
     * {@code tinyint}, {@code mediumint} and every {@code unsigned} one, H2's {@code TINYINT}); null for other types.
     * ZEROFILL is unsigned, and only pads what is shown.
     */
    private record IntegerRange(int bits, boolean unsigned) {
        static IntegerRange of(SqlType t) {
            return switch (t.kind()) {
                case SMALLINT -> new IntegerRange(16, false);
                case INTEGER -> new IntegerRange(32, false);
                case BIGINT -> new IntegerRange(64, false);
                case RAW -> raw(spaces(t.raw().toLowerCase(Locale.ROOT)));
                default -> null;
            };
        }

        private static IntegerRange raw(String s) {
            Matcher m = INTEGER_TYPE.matcher(s);
            if (!m.matches()) return null;
            int bits = switch (m.group(1)) {
                case "tinyint" -> 8;
                case "smallint" -> 16;
                case "mediumint" -> 24;
                case "bigint" -> 64;
                default -> 32;
            };
            return new IntegerRange(bits, m.group(2).contains("unsigned") || m.group(2).contains("zerofill"));
        }

        /**
         * Whether every value of {@code narrower} is one of these: of the same sign and no fewer bits, or signed and
         * more bits than an unsigned one (an unsigned 8-bit 255 fits a signed 16-bit); a signed one never fits an
         * unsigned one (-1).
         */
        boolean holds(IntegerRange narrower) {
            if (unsigned == narrower.unsigned) return bits >= narrower.bits;
            return !unsigned && bits > narrower.bits;
        }
    }

    private static int scale(SqlType t) {
        return t.scale() == null ? 0 : t.scale();
    }

    /** Whether the two types are of one family (strings, numbers, date-times, ...): a change between them may be meant. */
    boolean sameFamily(SqlType a, SqlType b) {
        Family x = family(resolved(a));
        return x != Family.OTHER && x == family(resolved(b)) || typeKey(a).equals(typeKey(b));
    }

    private enum Family { STRING, NUMBER, DATETIME, TIME, BYTES, OTHER }

    private static Family family(SqlType t) {
        if (IntegerRange.of(t) != null) return Family.NUMBER;
        return switch (t.kind()) {
            case STRING, CHAR, TEXT -> Family.STRING;
            case SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE -> Family.NUMBER;
            case DATE, TIMESTAMP -> Family.DATETIME;
            case TIME -> Family.TIME;
            case BINARY, BLOB -> Family.BYTES;
            default -> Family.OTHER;
        };
    }

    /** A raw spelling that names a portable type ({@code int4}, {@code varchar(20)}, ...) as that type. */
    SqlType fromAlias(String raw) {
        String s = spaces(raw.toLowerCase(Locale.ROOT));
        Matcher m = WORD_ARGS.matcher(s);
        if (!m.matches()) return SqlType.raw(raw);
        if (!m.group(5).isEmpty()) return SqlType.raw(raw); // unsigned stays as written
        String base = m.group(1).strip();
        Integer a = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer b = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        boolean tz = m.group(4).contains("with time zone") || base.equals("timestamptz") || base.equals("timetz")
                || mariadb() && base.equals("timestamp"); // MariaDB's TIMESTAMP is UTC, DATETIME is not: two types
        if (mariadb() && base.equals("tinyint") && Integer.valueOf(1).equals(a)) return SqlType.of(Kind.BOOLEAN);
        if (mariadb() && base.equals("longtext")) return SqlType.raw("longtext");
        // t69-1: MariaDB's mediumint is a 24-bit type of its own (its width only for display); H2 makes it INTEGER
        if (mariadb() && base.equals("mediumint")) return SqlType.raw("mediumint");
        if (base.equals("mediumint")) return a == null ? SqlType.of(Kind.INTEGER) : SqlType.raw(raw);
        SqlType stored = storedAs(base, a);
        if (stored != null) return stored;
        Kind kind = ALIASES.get(base);
        if (kind == null) return SqlType.raw(raw);
        return switch (kind) {
            case STRING, CHAR, BINARY -> new SqlType(kind, kind == Kind.CHAR && a == null ? Integer.valueOf(1) : a,
                    null, null, false, null, null, null);
            case NUMERIC -> new SqlType(kind, null, a, a == null ? null : (b == null ? 0 : b), false, null, null, null);
            case TIMESTAMP, TIME -> new SqlType(kind, null, a, null, tz, null, null, null);
            case INTEGER, BIGINT, SMALLINT -> mariadb() || a == null ? SqlType.of(kind) : SqlType.raw(raw);
            default -> a == null ? SqlType.of(kind) : SqlType.raw(raw);
        };
    }

    /**
     * What the engine stores for a spelling whose meaning is its own (a class: or jpa: model's raw type, as
     * Hibernate users write them): PostgreSQL's and H2's {@code float} is double precision (up to 24 bits of
     * precision a real), MariaDB's {@code real} a double, H2's {@code TEXT} a CHARACTER VARYING; a numeric
     * without precision is DECIMAL(10, 0) on MariaDB and NUMERIC(100000, 0) on H2; MariaDB's {@code year} is
     * {@code year(4)}. Null where the spelling means what the shared aliases say.
     */
    private SqlType storedAs(String base, Integer a) {
        boolean h2 = dialect().equals("h2");
        if ((postgres() || h2) && base.equals("float")) return SqlType.of(a != null && a <= 24 ? Kind.REAL : Kind.DOUBLE);
        if (mariadb() && base.equals("real")) return SqlType.of(Kind.DOUBLE);
        if (mariadb() && base.equals("year")) return SqlType.raw("year(4)");
        if (h2 && base.equals("text") && a == null) return SqlType.of(Kind.STRING);
        boolean numeric = base.equals("numeric") || base.equals("decimal") || base.equals("dec");
        if (numeric && a == null && mariadb()) return SqlType.numeric(10, 0);
        if (numeric && a == null && h2) return SqlType.numeric(100_000, 0);
        return null;
    }

    private static final Pattern NOW_WITH_PRECISION = Pattern.compile("(?:current_timestamp|now|localtimestamp)\\((\\d)\\)");
    private static final Pattern TYPE_PRECISION = Pattern.compile(".*\\((\\d+)\\).*");

    /**
     * The default of a column of this type: also {@code CURRENT_TIMESTAMP(n)} = {@code CURRENT_TIMESTAMP}
     * when n is the column's own precision, which is how MariaDB stores CURRENT_TIMESTAMP for a
     * {@code TIMESTAMP(n)} column (and how Retort writes it there).
     */
    String defaultKey(String serverDefault, SqlType type) {
        String d = defaultKey(serverDefault, type == null || numeric(type));
        if (d == null || type == null) return d;
        Matcher m = NOW_WITH_PRECISION.matcher(d);
        if (m.matches() && Integer.parseInt(m.group(1)) == timePrecision(type)) return "current_timestamp";
        return d;
    }

    /** The fractional-second precision the engine gives a column of this type (its DDL spelling says). */
    private int timePrecision(SqlType type) {
        String sql;
        try {
            sql = engine.typeSql(type);
        } catch (RuntimeException notOnThisEngine) {
            return -1;
        }
        Matcher m = TYPE_PRECISION.matcher(sql);
        if (m.matches()) return Integer.parseInt(m.group(1));
        return mariadb() ? 0 : 6;
    }

    private static final Pattern NUMERIC_SPELLING = Pattern.compile(
            "(?i).*\\b(?:\\w*int\\d*|\\w*serial\\d*|dec|decimal|numeric|number|float\\d*|double|real|money|year|bit)\\b.*");

    /**
     * Whether a column holds numbers (or MariaDB's 0/1 booleans), so that {@code '5'} = {@code 5} and {@code 4.50} =
     * {@code 4.5} as its defaults; on a string column {@code '1.10'} and {@code '1.1'} are two values.
     */
    private boolean numeric(SqlType type) {
        SqlType t = type.kind() == Kind.RAW ? fromAlias(type.raw()) : type;
        return switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, BOOLEAN -> true;
            case RAW -> !t.raw().contains("[") && NUMERIC_SPELLING.matcher(t.raw()).matches();
            default -> false;
        };
    }

    /** Server defaults equal on this engine get equal keys; null means no default. Quoted numbers count as numbers. */
    String defaultKey(String serverDefault) {
        return defaultKey(serverDefault, true);
    }

    /** @param asNumber whether a quoted number is the number and decimals compare by value (a numeric column) */
    private String defaultKey(String serverDefault, boolean asNumber) {
        if (serverDefault == null) return null;
        String d = serverDefault.strip();
        if (postgres() && d.indexOf("::") >= 0) d = PgCasts.normalise(d, name -> PgCasts.ColumnKind.UNKNOWN);
        d = stripParens(d);
        d = lowerOutsideQuotes(d);
        if (d.equals("null")) return null;
        d = switch (d) {
            case "now()", "current_timestamp()", "current_timestamp", "localtimestamp", "getdate()", "transaction_timestamp()" ->
                    "current_timestamp";
            case "current_date()", "curdate()" -> "current_date";
            case "true" -> mariadb() ? "1" : "true";
            case "false" -> mariadb() ? "0" : "false";
            default -> d;
        };
        if (!asNumber) return d;
        if (QUOTED_NUMBER_ONLY.matcher(d).matches()) d = d.substring(1, d.length() - 1);
        if (DECIMAL.matcher(d).matches()) d = d.replaceAll("0+$", "").replaceAll("\\.$", ""); // 0.00 = 0, 4.50 = 4.5
        return d;
    }

    /**
     * A SQL expression without parentheses, identifier quotes ({@code ""}, backticks, SQLite's {@code []}),
     * spaces or case, and on PostgreSQL without the casts it adds itself: for equality only. The columns of
     * the expression's table are not known here: a cast of a name to a string type counts as PostgreSQL's.
     */
    String expressionKey(String expression) {
        return expressionKey(expression, Map.of());
    }

    /** A table's column types by name, as {@link #expressionKey(String, Map)} takes them. */
    static Map<String, SqlType> columnTypes(Table table) {
        return columnTypes(table, Map.of());
    }

    /** The same, a column in {@code renamed} (old name to new) under its new name, which the other side's expressions use. */
    static Map<String, SqlType> columnTypes(Table table, Map<String, String> renamed) {
        Map<String, SqlType> out = new java.util.HashMap<>();
        for (Column c : table.columns()) out.put(renamed.getOrDefault(c.name(), c.name()), c.type());
        return out;
    }

    /**
     * The same, knowing the types of the table's columns, by name: a cast of a column counts as PostgreSQL's
     * where it leaves the values as they are ({@code (code)::text} of a varchar, {@code (qty)::numeric} of an
     * integer), and as part of the expression where it changes them ({@code (amount)::integer}).
     */
    String expressionKey(String expression, Map<String, SqlType> columns) {
        if (expression == null) return null;
        String e = expression;
        if (postgres() && e.indexOf("::") >= 0) e = lowerOutsideQuotes(PgCasts.normalise(e, name -> castKind(columns, name)));
        e = LITERAL_CAST.matcher(e).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        if (postgres() && e.toLowerCase(Locale.ROOT).contains("array")) {
            e = ANY_ARRAY.matcher(lowerOutsideQuotes(e)).replaceAll(m ->
                    Matcher.quoteReplacement((m.group(1).startsWith("=") ? " in (" : " not in (") + m.group(2) + ")"));
        }
        if (postgres()) {
            e = IN_ONE.matcher(lowerOutsideQuotes(e)).replaceAll(m ->
                    Matcher.quoteReplacement((m.group(1) == null ? " = " : " <> ") + m.group(2)));
        }
        e = QUOTED_NUMBER.matcher(lowerOutsideQuotes(e)).replaceAll("$1");
        // on every engine, so that one spelling equals the other wherever either is stored
        if (e.contains("between")) e = BetweenRewrite.rewrite(e, sqlite());
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '\'') inString = !inString;
            if (!inString && (Character.isWhitespace(c) || c == '(' || c == ')' || c == '"' || c == '`')) continue;
            if (!inString && sqlite() && (c == '[' || c == ']')) continue; // SQLite's other identifier quotes
            out.append(c);
        }
        return out.toString();
    }

    private static final java.util.Set<String> PG_NOT_STRINGS = java.util.Set.of("jsonb", "json", "xml", "inet", "cidr",
            "macaddr", "macaddr8", "tsvector", "tsquery", "bit", "bit varying", "varbit", "money", "oid", "point", "line",
            "lseg", "box", "path", "polygon", "circle", "int4range", "int8range", "numrange", "tsrange", "tstzrange",
            "daterange", "bool", "boolean", "bytea", "uuid", "interval", "time", "timetz");

    /** What a column is to {@link PgCasts}: its type's family, UNKNOWN for a name that is no column or a domain. */
    private PgCasts.ColumnKind castKind(Map<String, SqlType> columns, String name) {
        SqlType type = columns.get(name);
        if (type == null) {
            for (Map.Entry<String, SqlType> c : columns.entrySet()) {
                if (c.getKey().equalsIgnoreCase(name)) type = c.getValue();
            }
        }
        if (type == null) return PgCasts.ColumnKind.UNKNOWN;
        int dims = 0;
        if (type.kind() == Kind.RAW) {
            PgArrayType array = PgArrayType.of(spaces(type.raw().toLowerCase(Locale.ROOT)));
            dims = array.dims();
            String raw = array.element().replaceAll("\\[\\d*]", "");
            type = fromAlias(raw);
            if (type.kind() == Kind.RAW) {
                String base = raw.replaceAll("\\(.*", "").strip();
                if (base.startsWith("pg_catalog.")) base = base.substring("pg_catalog.".length());
                return new PgCasts.ColumnKind(PG_NOT_STRINGS.contains(base) ? PgCasts.Family.OTHER : PgCasts.Family.UNKNOWN, dims);
            }
        }
        PgCasts.Family family = switch (type.kind()) {
            case STRING, CHAR, TEXT -> PgCasts.Family.STRING;
            case SMALLINT -> PgCasts.Family.SMALLINT;
            case INTEGER -> PgCasts.Family.INTEGER;
            case BIGINT -> PgCasts.Family.BIGINT;
            case NUMERIC -> PgCasts.Family.NUMERIC;
            case REAL -> PgCasts.Family.REAL;
            case DOUBLE -> PgCasts.Family.DOUBLE;
            case DATE -> PgCasts.Family.DATE;
            case TIMESTAMP -> type.withTimeZone() ? PgCasts.Family.TIMESTAMPTZ : PgCasts.Family.TIMESTAMP;
            default -> PgCasts.Family.OTHER;
        };
        return new PgCasts.ColumnKind(family, dims);
    }

    static String lowerOutsideQuotes(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') inString = !inString;
            out.append(inString || c == '\'' ? c : Character.toLowerCase(c));
        }
        return out.toString();
    }

    static String stripParens(String s) {
        String t = s.strip();
        while (t.length() > 1 && t.charAt(0) == '(' && closing(t) == t.length() - 1) t = t.substring(1, t.length() - 1).strip();
        return t;
    }

    private static int closing(String s) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') inString = !inString;
            if (inString) continue;
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }

    private static String spaces(String s) {
        String t = SPACES.matcher(s.strip()).replaceAll(" ");
        t = OPEN.matcher(t).replaceAll("(");
        t = COMMA.matcher(t).replaceAll(",");
        return CLOSE.matcher(t).replaceAll(")");
    }
}
