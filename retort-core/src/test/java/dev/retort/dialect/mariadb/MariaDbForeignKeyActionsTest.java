package dev.retort.dialect.mariadb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** t59-8: the actions of foreign keys as SHOW CREATE TABLE prints them. */
class MariaDbForeignKeyActionsTest {
    @Test
    void actionsOfEachKeyAndTheDefaultWhereNoneIsWritten() {
        String text = """
                CREATE TABLE `c` (
                  `id` int(11) NOT NULL,
                  `p_id` int(11) DEFAULT NULL,
                  PRIMARY KEY (`id`),
                  KEY `fk2` (`p_id`,`p_k`),
                  CONSTRAINT `fk2` FOREIGN KEY (`p_id`, `p_k`) REFERENCES `p` (`id`, `k`) ON UPDATE SET NULL,
                  CONSTRAINT `fk ``odd`` (x)` FOREIGN KEY (`p)id`) REFERENCES `other`.`p ON DELETE CASCADE` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION,
                  CONSTRAINT `plain` FOREIGN KEY (`p_id`) REFERENCES `p` (`id`),
                  CONSTRAINT `chk` CHECK (`qty` > 0)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""";
        var actions = MariaDbForeignKeyActions.of(text);
        assertThat(actions).hasSize(3);
        assertThat(actions.get("fk2")).isEqualTo(new MariaDbForeignKeyActions.Actions("RESTRICT", "SET NULL"));
        assertThat(actions.get("fk `odd` (x)")).isEqualTo(new MariaDbForeignKeyActions.Actions("CASCADE", "NO ACTION"));
        assertThat(actions.get("plain")).isEqualTo(new MariaDbForeignKeyActions.Actions("RESTRICT", "RESTRICT"));
    }

    @Test
    void ansiQuotedNames() {
        String text = "CREATE TABLE \"c\" (\n  CONSTRAINT \"k\" FOREIGN KEY (\"a\") REFERENCES \"p\" (\"id\") ON DELETE SET NULL\n)";
        assertThat(MariaDbForeignKeyActions.of(text)).containsEntry("k", new MariaDbForeignKeyActions.Actions("SET NULL", "RESTRICT"));
    }
}
