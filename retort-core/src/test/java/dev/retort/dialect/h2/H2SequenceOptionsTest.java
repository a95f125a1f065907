package dev.retort.dialect.h2;

import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** H2's reflected sequence options: CACHE 32 by default, values it may leave out, its odd cache below 1. */
class H2SequenceOptionsTest {
    private static final SqlType BIGINT = SqlType.of(SqlType.Kind.BIGINT);

    @Test
    void h2sDefaultsAreLeftOut() {
        assertThat(H2Reflector.options(BIGINT, 1, 1L, Long.MAX_VALUE, 32L, false)).isEqualTo(SequenceOptions.DEFAULT);
        assertThat(H2Reflector.options(BIGINT, 1, null, null, null, false)).isEqualTo(SequenceOptions.DEFAULT);
        assertThat(H2Reflector.options(BIGINT, 1, 1L, Long.MAX_VALUE, 1L, false)).isEqualTo(SequenceOptions.DEFAULT.withCache(1L));
    }

    @Test
    void aCacheBelowOneIsNone() {
        assertThat(H2Reflector.options(BIGINT, -1, Long.MIN_VALUE, -1L, -3L, false)).isEqualTo(SequenceOptions.DEFAULT);
        assertThat(H2Reflector.options(BIGINT, -1, Long.MIN_VALUE, -1L, 0L, false)).isEqualTo(SequenceOptions.DEFAULT);
    }
}
