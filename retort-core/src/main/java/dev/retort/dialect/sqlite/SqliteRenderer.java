package dev.retort.dialect.sqlite;

import dev.retort.dialect.BasicRenderer;
import dev.retort.dialect.RenderContext;

/** SKELETON: replaced by the operations issue. */
final class SqliteRenderer extends BasicRenderer {
    SqliteRenderer(SqliteDialect dialect, RenderContext context) {
    }
}
