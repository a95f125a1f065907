package dev.retort.dialect;

import dev.retort.dialect.registry.Dialects;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each engine's names, quoting and parts, as wired through {@link AbstractDialect}'s constructor. */
class DialectWiringTest {
    record Expected(String name, String display, String quoted, String part) {
    }

    @Test
    void eachEngineGetsItsOwnNamesQuotingAndParts() {
        for (Expected e : List.of(
                new Expected("sqlite", "SQLite", "\"Order\"", "Sqlite"),
                new Expected("postgresql", "PostgreSQL", "\"Order\"", "Postgres"),
                new Expected("mariadb", "MariaDB/MySQL", "`Order`", "MariaDb"),
                new Expected("h2", "H2", "\"Order\"", "H2"))) {
            Dialect d = Dialects.forName(e.name());
            assertThat(d.name()).isEqualTo(e.name());
            assertThat(d.displayName()).isEqualTo(e.display());
            assertThat(d.quote("Order")).isEqualTo(e.quoted());
            assertThat(d.quote("select")).isNotEqualTo("select");
            assertThat(d.renderer(RenderContext.offline()).getClass().getSimpleName()).isEqualTo(e.part() + "Renderer");
            assertThat(d.reflector().getClass().getSimpleName()).isEqualTo(e.part() + "Reflector");
            assertThat(d.lock().getClass().getSimpleName()).isEqualTo(e.part() + "Lock");
            assertThat(d.features()).isNotEmpty();
            assertThat(d.transactionalDdl()).isEqualTo(d.supports(Feature.TRANSACTIONAL_DDL));
            // a fresh renderer per run: renderers hold per-run state (SQLite's pending copy)
            assertThat(d.renderer(RenderContext.offline())).isNotSameAs(d.renderer(RenderContext.offline()));
        }
        assertThat(Dialects.forName("postgresql").transactionalDdl()).isTrue();
        assertThat(Dialects.forName("mariadb").transactionalDdl()).isFalse();
        assertThat(Dialects.forName("h2").transactionalDdl()).isFalse();
        assertThat(Dialects.forName("sqlite").transactionalDdl()).isTrue();
    }

    /** t2-12: an unsupported engine's URL is shown in the refusal, its password masked, Oracle's user/password@ too. */
    @Test
    void anUnsupportedUrlIsShownWithoutItsPassword() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dialects.forJdbcUrl("jdbc:oracle:thin:scott/tig3rPw@db:1521/orcl"))
                .hasMessageEndingWith("jdbc:oracle:thin:scott/***@db:1521/orcl")
                .hasMessageNotContaining("tig3rPw");
    }
}
