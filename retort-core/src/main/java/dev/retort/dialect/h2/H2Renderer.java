package dev.retort.dialect.h2;

import dev.retort.dialect.BasicRenderer;
import dev.retort.dialect.RenderContext;

/** SKELETON: replaced by the operations issue. */
final class H2Renderer extends BasicRenderer {
    H2Renderer(H2Dialect dialect, RenderContext context) {
    }
}
