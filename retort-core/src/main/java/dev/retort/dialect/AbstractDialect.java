package dev.retort.dialect;

import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Shared quoting and literal rules; engines override where they differ. */
public abstract class AbstractDialect implements Dialect {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    /** The quote character for identifiers. */
    protected char identifierQuote() {
        return '"';
    }

    /** Reserved words that must be quoted even when lower case. */
    protected abstract java.util.Set<String> reservedWords();

    @Override
    public String quote(String identifier) {
        if (PLAIN.matcher(identifier).matches() && !reservedWords().contains(identifier)) {
            return identifier;
        }
        char q = identifierQuote();
        return q + identifier.replace(String.valueOf(q), String.valueOf(q) + q) + q;
    }

    @Override
    public String literal(Object value) {
        if (value == null) return "NULL";
        if (value instanceof Boolean b) return b ? "TRUE" : "FALSE";
        if (value instanceof Number n) return n.toString();
        if (value instanceof byte[] bytes) return "X'" + HexFormat.of().formatHex(bytes) + "'";
        if (value instanceof TemporalAccessor || value instanceof java.util.Date) return stringLiteral(value.toString());
        return stringLiteral(value.toString());
    }

    protected String stringLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public String inline(SqlStatement statement) {
        List<Object> params = statement.params();
        if (params.isEmpty()) return statement.sql();
        StringBuilder out = new StringBuilder();
        int p = 0;
        String sql = statement.sql();
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?' && p < params.size()) {
                out.append(literal(params.get(p++)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
