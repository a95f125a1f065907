package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionsTest {
    @Test
    void postgresqlSendsPlainStatementsWithTheSimpleProtocolUnlessTheUrlSaysOtherwise() {
        assertThat(Connections.properties("jdbc:postgresql://db/app?user=u"))
                .containsEntry("preferQueryMode", "extendedForPrepared");
        assertThat(Connections.properties("jdbc:postgresql://db/app?preferQueryMode=extended")).isEmpty();
        assertThat(Connections.properties("jdbc:sqlite:app.db")).isEmpty();
        assertThat(Connections.properties("jdbc:mariadb://db/app")).isEmpty();
    }

    @Test
    void fileDatabasesWarmUpInMemoryAndServersOpenEarly() {
        assertThat(Connections.warmUpUrl("jdbc:sqlite:data/app.db")).isEqualTo("jdbc:sqlite::memory:");
        assertThat(Connections.warmUpUrl("jdbc:sqlite::memory:")).isNull();
        assertThat(Connections.warmUpUrl("jdbc:h2:./data/app")).isEqualTo("jdbc:h2:mem:");
        assertThat(Connections.warmUpUrl("jdbc:h2:mem:test")).isNull();
        assertThat(Connections.warmUpUrl("jdbc:h2:tcp://db/app")).isNull();
        assertThat(Connections.warmUpUrl("jdbc:postgresql://db/app")).isNull();
    }
}
