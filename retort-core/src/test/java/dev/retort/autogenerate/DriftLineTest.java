package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.ops.AlterColumn;
import dev.retort.ops.Change;
import dev.retort.ops.CreateCheckConstraint;
import dev.retort.ops.CreateForeignKey;
import dev.retort.ops.CreateUniqueConstraint;
import dev.retort.ops.DropConstraint;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.UniqueConstraint;
import java.util.List;
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

    /**
     * t66-3: an unnamed constraint the model adds was listed as "create foreign key on album", while the one it
     * replaces was listed with its definition: each now says what it is, as the drop does.
     */
    @Test
    void anUnnamedConstraintCreatedSaysWhatItIs() {
        dev.retort.dialect.Dialect sqlite = Dialects.forName("sqlite");
        ForeignKey fk = new ForeignKey(null, List.of("artist_id"), null, "artist", List.of("artist_id"), "SET NULL", null);
        assertThat(DriftCheck.line(entry(new CreateForeignKey(null, "album", fk)), sqlite))
                .isEqualTo("create foreign key FOREIGN KEY (artist_id) REFERENCES artist (artist_id) ON DELETE SET NULL on album");
        assertThat(DriftCheck.line(entry(DropConstraint.of(null, "album",
                new ForeignKey(null, List.of("artist_id"), null, "artist", List.of("artist_id"), "CASCADE", null))), sqlite))
                .isEqualTo("drop foreign key FOREIGN KEY (artist_id) REFERENCES artist (artist_id) ON DELETE CASCADE on album");
        assertThat(DriftCheck.line(entry(new CreateCheckConstraint(null, "album", new CheckConstraint(null, "price > 0"))), sqlite))
                .isEqualTo("create check constraint CHECK (price > 0) on album");
        assertThat(DriftCheck.line(entry(new CreateUniqueConstraint(null, "album",
                new UniqueConstraint(null, List.of("artist_id", "price")))), sqlite))
                .isEqualTo("create unique constraint UNIQUE (artist_id, price) on album");
        // a named one by its name, as before; an expression over several lines on the one line
        assertThat(DriftCheck.line(entry(new CreateCheckConstraint(null, "album", new CheckConstraint("ck_price", "price > 0"))), sqlite))
                .isEqualTo("create check constraint ck_price on album");
        assertThat(DriftCheck.line(entry(new CreateCheckConstraint(null, "album",
                new CheckConstraint(null, "price > 0\n    AND price < 100"))), sqlite))
                .isEqualTo("create check constraint CHECK (price > 0 AND price < 100) on album");
    }

    private static SchemaComparator.Entry entry(dev.retort.ops.Operation op) {
        return new SchemaComparator.Entry(op, null, null);
    }
}
