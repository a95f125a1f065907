package dev.retort.dialect;

import dev.retort.RetortException;
import dev.retort.graph.Direction;
import dev.retort.runtime.Retort;
import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * t57-13: MariaDB has no NOT VALID: a revision that adds a check NOT VALID is refused, naming the revision, the
 * constraint and what to leave out, before the constraint's statement is sent (it is not added plain), online and
 * as a --sql script; the revision before it stays applied.
 */
class NotValidConstraintRefusedIT {
    private static final String A = """
            import dev.retort.migration.*;

            @Revision(id = "aaaa00000001")
            class CreateTable extends Migration {
                @Override public void upgrade(Operations op) {
                    op.createTable("t", column("id", INTEGER).primaryKey(), column("qty", INTEGER));
                }
                @Override public void downgrade(Operations op) {
                    op.dropTable("t");
                }
            }
            """;
    private static final String B = """
            import dev.retort.migration.*;

            @Revision(id = "bbbb00000002", revises = "aaaa00000001")
            class AddCheck extends Migration {
                @Override public void upgrade(Operations op) {
                    op.createCheckConstraint("qty_pos", "t", check("qty >= 0").notValid());
                }
                @Override public void downgrade(Operations op) {
                    op.dropConstraint("qty_pos", "t");
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void mariaDbRefusesTheRevisionBeforeTheConstraintIsAdded() throws Exception {
        Path versions = Files.createDirectories(dir.resolve("db/versions"));
        Files.writeString(versions.resolve("a.java"), A);
        Files.writeString(versions.resolve("b.java"), B);
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Retort retort = Retort.builder().scriptLocation(dir.resolve("db")).url(db.url()).build();
            assertThatThrownBy(() -> retort.upgrade("head")).isInstanceOf(RetortException.class)
                    .hasMessageContaining("bbbb00000002")
                    .hasMessageContaining("MariaDB/MySQL cannot create check constraint qty_pos on t: it is NOT VALID")
                    .hasMessageContaining("leave out check(...).notValid() for this engine");
            assertThat(retort.current()).containsExactly("aaaa00000001");
            try (Connection c = db.connect()) {
                assertThat(OpsHarness.dialect(db.engine()).reflector().reflect(c, null).tables())
                        .filteredOn(t -> t.name().equals("t")).singleElement()
                        .satisfies(t -> assertThat(t.checkConstraints()).isEmpty());
            }
            assertThatThrownBy(() -> retort.sql(Direction.UPGRADE, "head", null)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("MariaDB/MySQL cannot create check constraint qty_pos on t: it is NOT VALID");
        }
    }
}
