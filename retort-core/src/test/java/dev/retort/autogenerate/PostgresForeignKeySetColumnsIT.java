package dev.retort.autogenerate;

import dev.retort.dialect.RenderContext;
import dev.retort.dialect.SqlStatement;
import dev.retort.ops.Operation;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * t75-6: PostgreSQL 15's {@code ON DELETE SET NULL (doc_id)} names the key columns to set; it was reflected, compared
 * and created as a plain {@code SET NULL}, which sets every key column (and fails on a NOT NULL tenant column).
 */
class PostgresForeignKeySetColumnsIT {
    private static final String BASE = """
            CREATE TABLE tenant (id int PRIMARY KEY);
            CREATE TABLE doc (tenant_id int NOT NULL REFERENCES tenant, id int, PRIMARY KEY (tenant_id, id));
            """;

    @Test
    void theColumnListIsKeptThroughReflectCompareAndRender() throws Exception {
        SchemaModel model = Schemas.model(Engine.POSTGRESQL, BASE + """
                CREATE TABLE attachment (id int PRIMARY KEY, tenant_id int NOT NULL, doc_id int,
                  CONSTRAINT attachment_doc_fkey FOREIGN KEY (tenant_id, doc_id) REFERENCES doc (tenant_id, id)
                    ON DELETE SET NULL (doc_id) ON UPDATE SET DEFAULT);
                """);
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Schemas.execute(db, BASE + """
                    CREATE TABLE attachment (id int PRIMARY KEY, tenant_id int NOT NULL, doc_id int,
                      CONSTRAINT attachment_doc_fkey FOREIGN KEY (tenant_id, doc_id) REFERENCES doc (tenant_id, id)
                        ON DELETE SET NULL ON UPDATE SET DEFAULT);
                    """);
            SchemaComparator.Diff diff = SchemaComparator.diff(Schemas.reflect(db), model, Schemas.dialect(db),
                    SchemaFilter.everything());
            assertThat(diff.upgrade()).as("a column list added is a change").isNotEmpty();
            assertThat(String.join("\n", RevisionSource.javaBodies(diff).upgrade()))
                    .contains(".onDelete(\"SET NULL (doc_id)\")");
            assertThat(offline(db, diff.upgrade())).contains("ON DELETE SET NULL (doc_id) ON UPDATE SET DEFAULT");
            MutationRoundTrip.check(db, model);
            Schemas.apply(db, diff.upgrade());
            assertThat(value(db, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'attachment_doc_fkey'"))
                    .contains("ON DELETE SET NULL (doc_id)");
            Schemas.execute(db, """
                    INSERT INTO tenant VALUES (1); INSERT INTO doc VALUES (1, 1); INSERT INTO attachment VALUES (1, 1, 1);
                    DELETE FROM doc WHERE id = 1;
                    """);
            assertThat(value(db, "SELECT tenant_id || '/' || coalesce(doc_id::text, '-') FROM attachment")).isEqualTo("1/-");
        }
    }

    private static String offline(TestDatabase db, List<Operation> ops) {
        var r = Schemas.dialect(db).renderer(RenderContext.offline());
        StringBuilder sb = new StringBuilder();
        for (Operation op : ops) for (SqlStatement s : r.render(op)) sb.append(s.sql()).append('\n');
        return sb.toString();
    }

    private static String value(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
