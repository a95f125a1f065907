package dev.retort.dialect.postgresql;

import dev.retort.schema.IndexElement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of pg_get_indexdef that reflection reads. */
class PostgresIndexDefTest {
    /** INCLUDE columns are not compared; they are found, to be named in a warning, and the key list stays. */
    @Test
    void includeColumnsAreFoundApartFromTheKey() {
        String def = "CREATE INDEX ix_t_incl ON public.t USING btree (d DESC, lower(x)) INCLUDE (e, \"F\") WHERE (d > 0)";
        assertThat(PostgresReflector.includeColumns(def)).isEqualTo("e, \"F\"");
        assertThat(PostgresReflector.indexElements(def)).containsExactly(IndexElement.expression("d DESC"),
                IndexElement.expression("lower(x)"));
        assertThat(PostgresReflector.includeColumns("CREATE INDEX ix_t ON public.t USING btree (d) WHERE (d > 0)")).isNull();
    }

    /** NULLS NOT DISTINCT (PostgreSQL 15+) follows the INCLUDE list; it is found, to be named in a warning. */
    @Test
    void nullsNotDistinctIsFound() {
        assertThat(PostgresReflector.nullsNotDistinct(
                "CREATE UNIQUE INDEX i ON public.t USING btree (a) INCLUDE (b) NULLS NOT DISTINCT WHERE (a > 0)")).isTrue();
        assertThat(PostgresReflector.nullsNotDistinct("CREATE UNIQUE INDEX i ON public.t USING btree (a) NULLS NOT DISTINCT")).isTrue();
        assertThat(PostgresReflector.nullsNotDistinct(
                "CREATE UNIQUE INDEX i ON public.t USING btree (a) WHERE (b = 'x) NULLS NOT DISTINCT')")).isFalse();
        assertThat(PostgresReflector.includeColumns(
                "CREATE UNIQUE INDEX i ON public.t USING btree (a) INCLUDE (b) NULLS NOT DISTINCT")).isEqualTo("b");
    }
}
