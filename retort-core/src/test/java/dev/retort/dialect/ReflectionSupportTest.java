package dev.retort.dialect;

import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import static dev.retort.dialect.ReflectionSupport.sequenceOptions;
import static org.assertj.core.api.Assertions.assertThat;

/** The reflected options of a sequence bounded by its type (PostgreSQL, H2): each default left out. */
class ReflectionSupportTest {
    private static final SqlType SMALLINT = SqlType.of(SqlType.Kind.SMALLINT);
    private static final SqlType INTEGER = SqlType.of(SqlType.Kind.INTEGER);

    @Test
    void theBoundsOfTheTypeAndDirectionAndTheEnginesCacheAreDefaults() {
        assertThat(sequenceOptions(INTEGER, 1, 1L, (long) Integer.MAX_VALUE, 7L, 7, false)).isEqualTo(SequenceOptions.DEFAULT);
        assertThat(sequenceOptions(SMALLINT, -2, (long) Short.MIN_VALUE, -1L, 1L, 1, false)).isEqualTo(SequenceOptions.DEFAULT);
        assertThat(sequenceOptions(null, 1, 1L, Long.MAX_VALUE, 32L, 32, false)).isEqualTo(SequenceOptions.DEFAULT);
        assertThat(sequenceOptions(null, -1, Long.MIN_VALUE, -1L, 32L, 32, false)).isEqualTo(SequenceOptions.DEFAULT);
    }

    @Test
    void whatDiffersIsKept() {
        // ascending bounds read descending (and the other way round) differ from the default
        assertThat(sequenceOptions(SMALLINT, -1, 1L, (long) Short.MAX_VALUE, 1L, 1, false))
                .isEqualTo(new SequenceOptions(null, 1L, (long) Short.MAX_VALUE, null, false));
        assertThat(sequenceOptions(INTEGER, 1, 5L, 100L, 20L, 1, true))
                .isEqualTo(new SequenceOptions(null, 5L, 100L, 20L, true));
        // another engine's default cache is not this one's
        assertThat(sequenceOptions(INTEGER, 1, 1L, (long) Integer.MAX_VALUE, 1L, 32, false))
                .isEqualTo(SequenceOptions.DEFAULT.withCache(1L));
    }

    @Test
    void aValueNotReportedIsTheDefault() {
        assertThat(sequenceOptions(INTEGER, 1, null, null, null, 32, true)).isEqualTo(SequenceOptions.DEFAULT.withCycle(true));
    }
}
