package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.ops.Execute;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;

import java.util.stream.Collectors;

/**
 * Indexes that the portable index operation cannot express: a non-default method (PostgreSQL
 * {@code gin}/{@code gist}, MariaDB {@code FULLTEXT}/{@code SPATIAL}) or elements that carry an
 * operator class, a sort order or a prefix length. Reflection keeps such elements in the engine's own
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
        return ix.using() != null || ix.elements().stream().anyMatch(e -> e.isExpression()
                && !(dialect.name().equals("h2") && dev.retort.dialect.SqlRenderer.isOrderedColumn(e.expression())));
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
            default -> "CREATE " + (ix.unique() ? "UNIQUE " : "") + "INDEX " + dialect.quote(ix.name())
                    + " ON " + dialect.qualify(schema, table) + " (" + elements + ")"
                    + (ix.where() == null ? "" : " WHERE " + ix.where());
        };
        return Execute.of(sql);
    }
}
