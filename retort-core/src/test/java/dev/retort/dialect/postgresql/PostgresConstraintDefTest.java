package dev.retort.dialect.postgresql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of pg_get_constraintdef that reflection reads. */
class PostgresConstraintDefTest {
    /** NO INHERIT and NOT VALID follow the condition; neither is part of it. */
    @Test
    void checkClausesAfterTheConditionAreNotPartOfIt() {
        assertThat(PostgresReflector.checkExpression("CHECK (a > 0) NO INHERIT")).isEqualTo("a > 0");
        assertThat(PostgresReflector.checkExpression("CHECK (a > 1) NO INHERIT NOT VALID")).isEqualTo("a > 1");
        assertThat(PostgresReflector.checkExpression("CHECK ((a > 0)) NOT VALID")).isEqualTo("a > 0");
        assertThat(PostgresReflector.noInherit("CHECK (a > 1) NO INHERIT NOT VALID")).isTrue();
        assertThat(PostgresReflector.noInherit("CHECK (a > 1) NOT VALID")).isFalse();
    }
}
