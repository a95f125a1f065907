package dev.retort.autogenerate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** f9-3: the one place a PostgreSQL type's array suffixes come off (casts, column kinds, USING casts). */
class PgArrayTypeTest {
    @Test
    void splitsTheElementFromEachSuffix() {
        assertThat(PgArrayType.of("character varying(10)[]")).isEqualTo(new PgArrayType("character varying(10)", 1));
        assertThat(PgArrayType.of("integer[][]")).isEqualTo(new PgArrayType("integer", 2));
        assertThat(PgArrayType.of(" mood [] [] ")).isEqualTo(new PgArrayType("mood", 2));
        assertThat(PgArrayType.of("text")).isEqualTo(new PgArrayType("text", 0));
        assertThat(PgArrayType.of("int[3]")).isEqualTo(new PgArrayType("int[3]", 0));
    }
}
