package dev.retort.dialect.mariadb;

import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbTypesTest {
    /** t69-5: a display width is noise, but for ZEROFILL, where it is how wide a value reads (00042). */
    @Test
    void aZerofillColumnKeepsItsDisplayWidth() {
        assertThat(MariaDbTypes.parse("int(5) unsigned zerofill")).isEqualTo(SqlType.raw("int(5) unsigned zerofill"));
        assertThat(MariaDbTypes.parse("int(5) unsigned zerofill")).isNotEqualTo(MariaDbTypes.parse("int(8) unsigned zerofill"));
        assertThat(MariaDbTypes.parse("int(10) unsigned")).isEqualTo(SqlType.raw("int unsigned"));
        assertThat(MariaDbTypes.parse("int(11)")).isEqualTo(SqlType.of(SqlType.Kind.INTEGER));
        assertThat(MariaDbTypes.parse("decimal(6,2) unsigned zerofill")).isEqualTo(SqlType.raw("decimal(6,2) unsigned zerofill"));
    }
}
