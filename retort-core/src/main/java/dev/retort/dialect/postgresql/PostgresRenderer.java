package dev.retort.dialect.postgresql;

import dev.retort.dialect.BasicRenderer;
import dev.retort.dialect.RenderContext;

/** SKELETON: replaced by the operations issue. */
final class PostgresRenderer extends BasicRenderer {
    PostgresRenderer(PostgresDialect dialect, RenderContext context) {
    }
}
