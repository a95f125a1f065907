package dev.retort.autogenerate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** t53-5: the checks of a temporary table, read from SHOW CREATE TABLE as CHECK_CONSTRAINTS holds them. */
class MariaDbCreateTableTest {
    @Test
    void checksAreReadPastStringsAndNamesWithParentheses() {
        String create = """
                CREATE TEMPORARY TABLE `retort_ck_ab12cd_0` (
                  `code` varchar(10) DEFAULT NULL,
                  `a)b` int(11) DEFAULT NULL,
                  CONSTRAINT `retort_ck_ab12cd_0_0` CHECK (octet_length(`code`) > 1),
                  CONSTRAINT `retort_ck_ab12cd_0_1` CHECK (`code` <> 'it\\'s (x' and `a)b` > 0 and `code` <> ')'''')'),
                  CONSTRAINT `Odd``Name` CHECK ((`code` like 'A%'))
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""";
        assertThat(MariaDbCreateTable.checks(create))
                .containsEntry("retort_ck_ab12cd_0_0", "octet_length(`code`) > 1")
                .containsEntry("retort_ck_ab12cd_0_1", "`code` <> 'it\\'s (x' and `a)b` > 0 and `code` <> ')'''')'")
                .containsEntry("odd`name", "(`code` like 'A%')")
                .hasSize(3);
    }
}
