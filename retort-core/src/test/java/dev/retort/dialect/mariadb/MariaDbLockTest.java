package dev.retort.dialect.mariadb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbLockTest {
    /** A key without its database (a connection with none: DATABASE() is NULL) is still told apart per database. */
    @Test
    void aVersionTableOfTheConnectionsDatabaseIsLockedPerDatabase() {
        assertThat(MariaDbLock.lockName("shop", "retort:retort_version")).isEqualTo("shop:retort:retort_version");
        assertThat(MariaDbLock.lockName("billing", "retort:retort_version")).isEqualTo("billing:retort:retort_version");
    }

    /** Two databases whose runs share one version table (version_table_schema) take one lock. */
    @Test
    void aVersionTableNamedWithItsDatabaseHasOneLockFromEveryDatabase() {
        assertThat(MariaDbLock.lockName("shop", "retort:meta.retort_version"))
                .isEqualTo(MariaDbLock.lockName("billing", "retort:meta.retort_version"))
                .isEqualTo("retort:meta.retort_version");
    }

    @Test
    void longNamesStayWithinMariaDbsSixtyFourCharactersAndDistinct() {
        String a = MariaDbLock.lockName("a_database_with_a_rather_long_name", "retort:a_version_table_with_a_long_name_1");
        String b = MariaDbLock.lockName("a_database_with_a_rather_long_name", "retort:a_version_table_with_a_long_name_2");
        assertThat(a).hasSizeLessThanOrEqualTo(64).isNotEqualTo(b);
    }
}
