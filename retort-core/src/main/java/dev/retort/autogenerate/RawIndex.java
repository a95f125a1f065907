package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.ops.Execute;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;

import java.util.stream.Collectors;

/**
 * Indexes that the portable index operation cannot express: a non-default method on MariaDB
 * ({@code FULLTEXT}/{@code SPATIAL}) or elements the engine's index operation
 * does not take: a prefix length, an expression on H2 and MariaDB (a column with a sort order, {@code `b` DESC},
 * is an index operation on every engine). Reflection keeps such elements in the engine's own
 * spelling, so the statement is written out as the engine printed it.
 */
final class RawIndex {
    private RawIndex() {
    }

    static boolean needed(Dialect dialect, Index ix) {
        if (dialect.name().equals("sqlite")) return false;
        if (dialect.name().equals("postgresql")) {
            // The index operation takes a method and elements with an operator class, COLLATE, ASC/DESC or
            // NULLS FIRST/LAST; only an element of a shape it does not recognise stays a raw statement.
            return ix.elements().stream().anyMatch(e -> e.isExpression()
                    && dev.retort.dialect.SqlRenderer.splitIndexElement(e.expression()) == null);
        }
        // H2 and MariaDB (10.8+) take a column with a sort order in the index operation, which quotes it for the engine;
        // H2's takes its methods too (HASH, SPATIAL: CREATE HASH INDEX)
        return (ix.using() != null && !dialect.name().equals("h2")) || ix.elements().stream().anyMatch(e -> e.isExpression()
                && !(dialect.name().matches("h2|mariadb") && dev.retort.dialect.SqlRenderer.isOrderedColumn(e.expression())));
    }

    static Execute create(Dialect dialect, String schema, String table, Index ix) {
        String elements = ix.elements().stream()
                .map(e -> e.isExpression() ? e.expression() : dialect.quote(e.column()))
                .collect(Collectors.joining(", "));
        String sql = switch (dialect.name()) {
            case "postgresql" -> "CREATE " + (ix.unique() ? "UNIQUE " : "") + "INDEX " + dialect.quote(ix.name())
                    + " ON " + dialect.qualify(schema, table) + (ix.using() == null ? "" : " USING " + ix.using())
                    + " (" + elements + ")" + (ix.where() == null ? "" : " WHERE " + ix.where());
            case "mariadb" -> "CREATE " + (ix.unique() ? "UNIQUE " : ix.using() != null ? ix.using() + " " : "")
                    + "INDEX " + dialect.quote(ix.name()) + " ON " + dialect.qualify(schema, table) + " (" + elements + ")";
            // H2: CREATE [UNIQUE] HASH INDEX
            default -> "CREATE " + (ix.unique() ? "UNIQUE " : "")
                    + (ix.using() == null ? "" : ix.using().toUpperCase(java.util.Locale.ROOT) + " ") + "INDEX " + dialect.quote(ix.name())
                    + " ON " + dialect.qualify(schema, table) + " (" + elements + ")"
                    + (ix.where() == null ? "" : " WHERE " + ix.where());
        };
        return Execute.of(sql);
    }
}
