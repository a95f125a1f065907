package dev.retort.dialect.mariadb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** t37-4: a column's ON UPDATE as information_schema.COLUMNS.EXTRA gives it, spelled as a model writes it. */
class MariaDbColumnTest {
    @Test
    void onUpdateOfExtra() {
        assertThat(MariaDbColumn.onUpdateIn("on update current_timestamp()")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(MariaDbColumn.onUpdateIn("on update current_timestamp(3), INVISIBLE")).isEqualTo("CURRENT_TIMESTAMP(3)");
        // MySQL 8: one item with DEFAULT_GENERATED
        assertThat(MariaDbColumn.onUpdateIn("DEFAULT_GENERATED on update CURRENT_TIMESTAMP")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(MariaDbColumn.onUpdateIn("auto_increment")).isNull();
        assertThat(MariaDbColumn.onUpdateIn("")).isNull();
        assertThat(MariaDbColumn.onUpdateIn(null)).isNull();
    }
}
