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

    /**
     * t56-1: the reflected schema's own qualifier (written when it is not on the search_path, as under a pg_dump
     * file's empty one) is no part of an index's key or predicate; another schema's is, and stays.
     */
    @Test
    void theReflectedSchemasQualifierIsDroppedOthersStay() {
        String dump = PostgresReflector.unqualified("CREATE INDEX c_trgm ON public.c USING gin (lower(name) public.gin_trgm_ops)", "public");
        String live = PostgresReflector.unqualified("CREATE INDEX c_trgm ON c USING gin (lower(name) gin_trgm_ops)", "public");
        assertThat(PostgresReflector.indexElements(dump)).isEqualTo(PostgresReflector.indexElements(live))
                .containsExactly(IndexElement.expression("lower(name) gin_trgm_ops"));
        assertThat(PostgresReflector.unqualified("public.to_tsvector(search_conf, content)", "public"))
                .isEqualTo("to_tsvector(search_conf, content)");
        assertThat(PostgresReflector.unqualified("lower(name) ext.gin_trgm_ops", "public")).isEqualTo("lower(name) ext.gin_trgm_ops");
        assertThat(PostgresReflector.unqualified("lower(name) public.gin_trgm_ops", "app")).isEqualTo("lower(name) public.gin_trgm_ops");
        assertThat(PostgresReflector.unqualified("(amount OPERATOR(public.>) 0) AND (x OPERATOR(other.>) 1)", "public"))
                .isEqualTo("(amount > 0) AND (x OPERATOR(other.>) 1)");
        assertThat(PostgresReflector.unqualified("(note = 'public.x'::text)", "public")).isEqualTo("(note = 'public.x'::text)");
        // a temporary schema, which PostgreSQL names by its alias
        assertThat(PostgresReflector.unqualified("pg_temp.f(id)", "pg_temp_3")).isEqualTo("f(id)");
    }
}
