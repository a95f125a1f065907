package dev.retort.autogenerate;

import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation;
import dev.retort.schema.SchemaModel;
import dev.retort.testing.TestDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Database at A, model B: compare, upgrade, reflect = B; downgrade, reflect = A; no false positives. */
final class MutationRoundTrip {
    private MutationRoundTrip() {
    }

    static void check(TestDatabase db, SchemaModel b) throws Exception {
        Dialect dialect = Schemas.dialect(db);
        SchemaModel a = Schemas.reflect(db);
        assertThat(SchemaComparator.compare(a, a, dialect)).as("a schema equals itself").isEmpty();
        SchemaComparator.Diff diff = SchemaComparator.diff(a, b, dialect, SchemaFilter.everything());
        Schemas.apply(db, diff.upgrade());
        List<Operation> left = SchemaComparator.compare(Schemas.reflect(db), b, dialect);
        assertThat(left).as("after upgrade (%s)", describe(diff.upgrade())).isEmpty();
        // the model from reflection also matches itself: no false positives on the changed database
        SchemaModel reflectedB = Schemas.reflect(db);
        assertThat(SchemaComparator.compare(reflectedB, reflectedB, dialect)).isEmpty();
        Schemas.apply(db, diff.downgrade());
        List<Operation> back = SchemaComparator.compare(Schemas.reflect(db), a, dialect);
        assertThat(back).as("after downgrade (%s)", describe(diff.downgrade())).isEmpty();
    }

    static String describe(List<Operation> ops) {
        return ops.stream().map(Operation::describe).toList().toString();
    }
}
