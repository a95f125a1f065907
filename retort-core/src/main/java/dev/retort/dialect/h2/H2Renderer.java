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

    @Override
    public List<SqlStatement> visitDropConstraint(DropConstraint op) {
        if (op.name() == null) return one(alterTable(op.schema(), op.table()) + "DROP PRIMARY KEY");
        return super.visitDropConstraint(op);
    }
}
