package dev.retort.dialect.mariadb;

import dev.retort.dialect.BasicRenderer;
import dev.retort.dialect.RenderContext;

/** SKELETON: replaced by the operations issue. */
final class MariaDbRenderer extends BasicRenderer {
    MariaDbRenderer(MariaDbDialect dialect, RenderContext context) {
    }
}
