package dev.retort.dialect.h2;

import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlRenderer;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.DropConstraint;

import java.util.List;

/** H2: standard SQL; no partial or expression indexes, no named enum types. */
final class H2Renderer extends SqlRenderer {
    H2Renderer(H2Dialect dialect, RenderContext context) {
        super(dialect, context);
    }

    /** H2 indexes are schema objects: qualify them like the table. */
    @Override
    protected String indexName(String schema, String name) {
        return table(schema, name);
    }

    /** H2 has HASH and SPATIAL indexes (CREATE HASH INDEX). */
    @Override
    protected String indexKind(dev.retort.ops.CreateIndex op, String method) {
        if (method == null) return super.indexKind(op, null);
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (!m.equals("HASH") && !m.equals("SPATIAL")) throw unsupported(op, "it has no index method '" + method + "' (HASH, SPATIAL)");
        return super.indexKind(op, null) + m + " ";
    }

    @Override
    protected String indexMethod(dev.retort.ops.CreateIndex op, String method) {
        return "";
    }

    @Override
    public List<SqlStatement> visitDropConstraint(DropConstraint op) {
        if (op.name() == null) return one(alterTable(op.schema(), op.table()) + "DROP PRIMARY KEY");
        return super.visitDropConstraint(op);
    }
}
