package dev.retort.dialect.postgresql;

import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's reflected sequence options: CACHE 1 by default, the bounds of the sequence's type. */
class PostgresSequenceOptionsTest {
    private static final SqlType INTEGER = SqlType.of(SqlType.Kind.INTEGER);

    @Test
    void postgresDefaultsAreLeftOut() {
        assertThat(PostgresReflector.options(INTEGER, 1, 1, Integer.MAX_VALUE, 1, false)).isEqualTo(SequenceOptions.DEFAULT);
        assertThat(PostgresReflector.options(INTEGER, -1, Integer.MIN_VALUE, -1, 1, true))
                .isEqualTo(SequenceOptions.DEFAULT.withCycle(true));
    }

    @Test
    void whatDiffersIsKept() {
        assertThat(PostgresReflector.options(INTEGER, 1, 1, Long.MAX_VALUE, 32, false))
                .isEqualTo(new SequenceOptions(null, null, Long.MAX_VALUE, 32L, false));
    }
}
