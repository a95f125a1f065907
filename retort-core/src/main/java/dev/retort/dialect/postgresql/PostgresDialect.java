package dev.retort.dialect.postgresql;

import dev.retort.RetortException;
import dev.retort.dialect.AbstractDialect;
import dev.retort.dialect.Feature;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.UnsupportedTypeException;
import dev.retort.schema.SqlType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

public final class PostgresDialect extends AbstractDialect {
    private static final Set<String> RESERVED = loadReservedWords("postgresql");
    private static final Set<Feature> FEATURES = Set.copyOf(EnumSet.complementOf(EnumSet.of(Feature.INLINE_ENUM)));

    public PostgresDialect() {
        super(PostgresDialect.class, "postgresql", "PostgreSQL", FEATURES, '"', RESERVED,
                PostgresRenderer::new, PostgresReflector::new, PostgresLock::new);
    }

    /** to_regclass resolves the name as the read would (search_path, quoting), and answers NULL for none. */
    @Override
    public SqlStatement tableExistsQuery(String schema, String name) {
        return SqlStatement.of("SELECT to_regclass(?) IS NOT NULL", qualify(schema, name));
    }

    /** pgjdbc's cancel request for the connection's backend. */
    @Override
    public void cancelRunning(Connection connection) throws SQLException {
        connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
    }

    @Override
    public String typeSql(SqlType t) {
        return switch (t.kind()) {
            case BINARY, BLOB -> "BYTEA";
            case JSON -> "JSONB";
            case ENUM -> {
                if (t.enumName() == null) {
                    throw new UnsupportedTypeException(displayName(), "needs a named enum type for enum columns: "
                            + "enumOf(\"name\", values...), and op.createEnumType(\"name\", values...) before it");
                }
                yield qualifiedTypeName(t.enumName());
            }
            default -> super.typeSql(t);
        };
    }

    /** standard_conforming_strings is on (the default since 9.1): backslashes are plain characters. */
    @Override
    protected String stringLiteral(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new RetortException("PostgreSQL text cannot contain the NUL character (\\0); store it as bytea");
        }
        return super.stringLiteral(s);
    }

    @Override
    protected String binaryLiteral(byte[] bytes) {
        return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
    }

    @Override
    protected String floatLiteral(double d, Object original) {
        if (Double.isNaN(d)) return "'NaN'::double precision";
        if (Double.isInfinite(d)) return (d > 0 ? "'Infinity'" : "'-Infinity'") + "::double precision";
        return super.floatLiteral(d, original);
    }

    /**
     * In a statement with parameters, {@code ??} is a literal {@code ?} (jsonb {@code ??|} for {@code ?|}),
     * as PostgreSQL's JDBC driver reads it online; a statement without parameters is sent as written.
     */
    @Override
    protected boolean questionMarkEscape() {
        return true;
    }

}
