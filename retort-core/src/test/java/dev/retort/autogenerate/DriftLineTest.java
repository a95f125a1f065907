package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.Change;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one line {@code check} prints for an altered column (r6-3). */
class DriftLineTest {
    @Test
    void aCommentChangeSaysFromWhatToWhatOnOneLine() {
        AlterColumn alter = new AlterColumn(null, "author", "n", null, null, null, null, Change.to("new\nline"), null,
                null, null, null, Change.to("old"));
        String line = DriftCheck.line(new SchemaComparator.Entry(alter, null, null), Dialects.forName("postgresql"));
        assertThat(line).isEqualTo("alter column author.n: comment 'old' -> 'new\\nline'").doesNotContain("\n");
        AlterColumn removed = new AlterColumn(null, "author", "n", null, null, null, null, Change.remove(), null,
                null, null, null, Change.to("old"));
        assertThat(DriftCheck.line(new SchemaComparator.Entry(removed, null, null), Dialects.forName("postgresql")))
                .isEqualTo("alter column author.n: comment 'old' -> none");
    }

    /** r9-4: a two-line TODO is printed whole on its one line: its second line is the statement to write. */
    @Test
    void aTodoIsPrintedWhole() {
        String line = DriftCheck.line(new SchemaComparator.Entry(null, "TODO: column k.b has ...: write it by hand,\n"
                + "e.g. op.execute(\"ALTER TABLE k ...\").", null), Dialects.forName("postgresql"));
        assertThat(line).isEqualTo("TODO: column k.b has ...: write it by hand, e.g. op.execute(\"ALTER TABLE k ...\").");
    }
}
