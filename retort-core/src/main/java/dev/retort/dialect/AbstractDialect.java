package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.schema.SqlType;
import dev.retort.script.SqlSplitter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Shared quoting, literal and type rules, and the wiring of an engine's parts (renderer, reflector, lock),
 * given once to the constructor; engines override where they differ.
 */
public abstract class AbstractDialect implements Dialect {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String name;
    private final String displayName;
    private final Set<Feature> features;
    private final char identifierQuote;
    private final Set<String> reservedWords;
    private final Function<RenderContext, OperationRenderer> renderer;
    private final Supplier<Reflector> reflector;
    private final Supplier<DatabaseLock> lock;
    private final SqlSplitter lexer;

    /**
     * @param self           the engine's own class, so that its parts are built from the engine type they take
     * @param reservedWords  lower-case words quoted even when plain ({@link #loadReservedWords})
     * @param renderer       a new renderer for one run
     * @param reflector      a new reflector
     * @param lock           a new run-wide lock
     */
    protected <D extends AbstractDialect> AbstractDialect(Class<D> self, String name, String displayName,
            Set<Feature> features, char identifierQuote, Set<String> reservedWords,
            BiFunction<D, RenderContext, OperationRenderer> renderer, Function<D, Reflector> reflector,
            Supplier<DatabaseLock> lock) {
        this.name = name;
        this.displayName = displayName;
        this.features = Set.copyOf(features);
        this.identifierQuote = identifierQuote;
        this.reservedWords = reservedWords;
        this.renderer = context -> renderer.apply(self.cast(this), context);
        this.reflector = () -> reflector.apply(self.cast(this));
        this.lock = lock;
        this.lexer = SqlSplitter.forDialect(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return renderer.apply(context);
    }

    @Override
    public Reflector reflector() {
        return reflector.get();
    }

    @Override
    public DatabaseLock lock() {
        return lock.get();
    }

    /** The quote character for identifiers. */
    protected char identifierQuote() {
        return identifierQuote;
    }

    /** Reserved words that must be quoted even when lower case (lower case entries). */
    protected Set<String> reservedWords() {
        return reservedWords;
    }

    @Override
    public boolean transactionalDdl() {
        return supports(Feature.TRANSACTIONAL_DDL);
    }

    /**
     * Reads {@code reserved-<name>.txt} from this package: one lower-case word a line, {@code #} comments.
     * The lists were taken from the engines themselves (see each file's first line).
     */
    protected static Set<String> loadReservedWords(String dialectName) {
        String resource = "reserved-" + dialectName + ".txt";
        try (InputStream in = AbstractDialect.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            Set<String> words = new HashSet<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) words.add(w.toLowerCase(Locale.ROOT));
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the identifier can be written bare: lower case, plain characters, not reserved. */
    protected boolean isPlain(String identifier) {
        return PLAIN.matcher(identifier).matches() && !reservedWords().contains(identifier);
    }

    @Override
    public String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) throw new IllegalArgumentException("empty identifier");
        if (isPlain(identifier)) return identifier;
        char q = identifierQuote();
        return q + identifier.replace(String.valueOf(q), String.valueOf(q) + q) + q;
    }

    /**
     * Collation names that are not case-sensitive (MariaDB's, SQLite's) are written as they are when they are
     * plain words ({@code NOCASE}, {@code utf8mb4_bin}), else quoted as an identifier, so that the name cannot
     * break the statement.
     */
    @Override
    public String collation(String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) return name;
        char q = identifierQuote();
        return q + name.replace(String.valueOf(q), String.valueOf(q) + q) + q;
    }

    // --- literals

    @Override
    public String literal(Object value) {
        if (value == null) return "NULL";
        if (value instanceof Boolean b) return booleanLiteral(b);
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) return d.toPlainString();
        if (value instanceof Double || value instanceof Float) return floatLiteral(((Number) value).doubleValue(), value);
        if (value instanceof Number n) return new BigDecimal(n.toString()).toPlainString();
        if (value instanceof byte[] bytes) return binaryLiteral(bytes);
        if (value instanceof CharSequence || value instanceof Character) return stringLiteral(value.toString());
        if (value instanceof UUID u) return uuidLiteral(u);
        if (value instanceof java.sql.Timestamp ts) return literal(ts.toLocalDateTime());
        if (value instanceof java.sql.Date d) return literal(d.toLocalDate());
        if (value instanceof java.sql.Time t) return literal(t.toLocalTime());
        if (value instanceof java.util.Date d) return literal(d.toInstant());
        if (value instanceof LocalDate d) return "DATE " + stringLiteral(d.toString());
        if (value instanceof LocalTime t) return "TIME " + stringLiteral(timeText(t));
        if (value instanceof LocalDateTime t) return "TIMESTAMP " + stringLiteral(dateTimeText(t));
        if (value instanceof OffsetDateTime t) return timestampTzLiteral(t);
        if (value instanceof ZonedDateTime t) return timestampTzLiteral(t.toOffsetDateTime());
        if (value instanceof Instant i) return timestampTzLiteral(i.atOffset(ZoneOffset.UTC));
        if (value instanceof OffsetTime t) return timeTzLiteral(t);
        if (value instanceof Enum<?> e) return stringLiteral(e.name());
        // getTypeName: Integer[] as Java source spells it, not the JVM's [Ljava.lang.Integer; (t38-6)
        throw new RetortException("Cannot render a " + value.getClass().getTypeName() + " as a " + displayName()
                + " literal; " + SUPPORTED_VALUES);
    }

    /** What the refusal of a value's class asks for instead. */
    protected static final String SUPPORTED_VALUES = "pass a String, number, boolean, byte[], UUID or java.time value";

    /** An {@link OffsetTime}: standard SQL's {@code TIME WITH TIME ZONE} literal, for the engines that have the type. */
    protected String timeTzLiteral(OffsetTime t) {
        return "TIME WITH TIME ZONE " + stringLiteral(timeText(t.toLocalTime()) + t.getOffset());
    }

    protected String booleanLiteral(boolean b) {
        return b ? "TRUE" : "FALSE";
    }

    protected String floatLiteral(double d, Object original) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new RetortException(displayName() + " has no literal for the floating point value " + original);
        }
        return original.toString();
    }

    protected String binaryLiteral(byte[] bytes) {
        return "X'" + HexFormat.of().formatHex(bytes) + "'";
    }

    protected String uuidLiteral(UUID u) {
        return stringLiteral(u.toString());
    }

    protected String timestampTzLiteral(OffsetDateTime t) {
        return "TIMESTAMP WITH TIME ZONE " + stringLiteral(dateTimeText(t.toLocalDateTime()) + t.getOffset().getId()
                .replace("Z", "+00:00"));
    }

    /** {@code HH:mm:ss[.ffffff...]} with trailing zeros of the fraction dropped. */
    protected static String timeText(LocalTime t) {
        String s = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) return s;
        String frac = String.format(Locale.ROOT, "%09d", t.getNano()).replaceFirst("0+$", "");
        return s + "." + frac;
    }

    protected static String dateTimeText(LocalDateTime t) {
        return t.toLocalDate() + " " + timeText(t.toLocalTime());
    }

    /** A quoted string in standard SQL: quotes doubled, everything else verbatim. */
    protected String stringLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    // --- offline inlining

    /** A parameter's value where {@link #inline} puts it, in place of the {@code ?}: an expression may do. */
    protected String parameterLiteral(Object value) {
        return literal(value);
    }

    @Override
    public String inline(SqlStatement statement) {
        List<Object> params = statement.params();
        if (params.isEmpty()) return statement.sql();
        String sql = statement.sql();
        StringBuilder out = new StringBuilder(sql.length() + 16 * params.size());
        int p = 0;
        int i = 0;
        while (i < sql.length()) {
            int skip = skipNonCode(sql, i);
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            if (isEscapedQuestionMark(sql, i)) {
                out.append('?');
                i += 2;
                continue;
            }
            if (c == '?') {
                if (p >= params.size()) break;
                out.append(parameterLiteral(params.get(p++)));
            } else {
                out.append(c);
            }
            i++;
        }
        if (p != params.size() || i < sql.length()) {
            throw new RetortException("Statement has " + countPlaceholders(sql) + " ? placeholder(s) but "
                    + params.size() + " parameter(s): " + abbreviate(sql));
        }
        return out.toString();
    }

    @Override
    public void checkParameters(SqlStatement statement) {
        if (statement.params().isEmpty()) return;
        int placeholders = countPlaceholders(statement.sql());
        if (placeholders != statement.params().size()) {
            throw new RetortException("Statement has " + placeholders + " ? placeholder(s) but "
                    + statement.params().size() + " parameter(s): " + abbreviate(statement.sql()));
        }
    }

    private int countPlaceholders(String sql) {
        return placeholders(sql).size();
    }

    /**
     * Where the {@code ?} parameter placeholders of {@code sql} are, in order: not in strings, quoted names
     * or comments, and not an escaped {@code ??}. The same reading as {@link #inline} and the parameter check.
     */
    protected List<Integer> placeholders(String sql) {
        List<Integer> at = new java.util.ArrayList<>();
        for (int i = 0; i < sql.length(); ) {
            int skip = skipNonCode(sql, i);
            if (skip > i) {
                i = skip;
                continue;
            }
            if (isEscapedQuestionMark(sql, i)) {
                i += 2;
                continue;
            }
            if (sql.charAt(i) == '?') at.add(i);
            i++;
        }
        return at;
    }

    /**
     * True where {@code ??} at {@code i} stands for a literal {@code ?} in a statement with parameters
     * (PostgreSQL's JDBC driver convention, for the jsonb operators {@code ?}, {@code ?|}, {@code ?&}).
     */
    private boolean isEscapedQuestionMark(String sql, int i) {
        return questionMarkEscape() && sql.startsWith("??", i);
    }

    /** True where {@code ??} in a statement with parameters is an escaped {@code ?} (PostgreSQL). */
    protected boolean questionMarkEscape() {
        return false;
    }

    /**
     * If a string literal, quoted identifier, comment or dollar-quoted body starts at {@code i}, the index
     * after it; otherwise {@code i}. Placeholders inside those are text, not parameters. The lexer is the
     * one that splits this engine's SQL revisions, so both read a statement the same way.
     */
    private int skipNonCode(String sql, int i) {
        return lexer.skipNonCode(sql, i);
    }

    protected static String abbreviate(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }

    // --- types

    @Override
    public String typeSql(SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case NUMERIC -> t.precision() == null ? "NUMERIC"
                    : "NUMERIC(" + t.precision() + (t.scale() == null ? "" : ", " + t.scale()) + ")";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
            case STRING -> t.length() == null ? "VARCHAR" : "VARCHAR(" + t.length() + ")";
            case TEXT -> "TEXT";
            case CHAR -> "CHAR(" + (t.length() == null ? 1 : t.length()) + ")";
            case DATE -> "DATE";
            case TIME -> "TIME" + fraction(t) + (t.withTimeZone() ? " WITH TIME ZONE" : "");
            case TIMESTAMP -> "TIMESTAMP" + fraction(t) + (t.withTimeZone() ? " WITH TIME ZONE" : "");
            case BINARY -> t.length() == null ? "VARBINARY" : "VARBINARY(" + t.length() + ")";
            case BLOB -> "BLOB";
            case UUID -> "UUID";
            case JSON -> "JSON";
            case INTERVAL -> "INTERVAL";
            case ENUM -> throw noType(t, "named enum types");
            case RAW -> t.raw();
        };
    }

    /**
     * For {@link #finish}: {@code query} answers one row (the value kept by {@link #prepare}, the value now);
     * the kept value when the two differ, else null.
     */
    protected static String changedSince(java.sql.Connection connection, String query) throws java.sql.SQLException {
        try (java.sql.Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
            if (!rs.next()) return null;
            String before = rs.getString(1);
            return before != null && !before.equals(rs.getString(2)) ? before : null;
        }
    }

    protected static String fraction(SqlType t) {
        return t.precision() == null ? "" : "(" + t.precision() + ")";
    }

    protected RetortException noType(SqlType t, String what) {
        return new UnsupportedTypeException(displayName(), "has no " + what + " (type " + t.kind()
                + (t.enumName() != null ? " " + t.enumName() : "") + ")");
    }

    /** Quotes each part of a possibly schema-qualified name written {@code schema.name}. */
    protected String qualifiedTypeName(String name) {
        int dot = name.indexOf('.');
        return dot > 0 ? quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1)) : quote(name);
    }
}
