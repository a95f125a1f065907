package dev.retort.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * INSERTs rows given as column-to-value maps (values may be null). Rows are sent in multi-row
 * batches; a column a row leaves out gets its server default. Irreversible.
 */
public record BulkInsert(String schema, String table, List<Map<String, Object>> rows) implements Operation {
    public BulkInsert {
        Objects.requireNonNull(table, "table");
        List<Map<String, Object>> copy = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        rows = Collections.unmodifiableList(copy);
    }

    /** Every column named by any row, in first-seen order. */
    public List<String> columns() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) names.addAll(row.keySet());
        return List.copyOf(names);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visitBulkInsert(this);
    }

    @Override
    public String describe() {
        return "bulk insert " + rows.size() + " row(s) into " + Operation.display(schema, table);
    }
}
