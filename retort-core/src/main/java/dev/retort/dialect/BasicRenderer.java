package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.ops.Execute;
import dev.retort.ops.Operation;

import java.util.List;

/** SKELETON renderer: raw SQL only. The operations issue replaces it with full per-dialect renderers. */
public class BasicRenderer implements OperationRenderer {
    @Override
    public List<SqlStatement> render(Operation operation) {
        if (operation instanceof Execute e) {
            return List.of(new SqlStatement(e.sql(), e.params()));
        }
        throw new RetortException("Operation not supported yet: " + operation);
    }
}
