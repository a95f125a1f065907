package dev.retort.autogenerate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** f3-1: which of a database's routines and triggers MariaDB shows a user, read from its SHOW GRANTS. */
class MariaDbVisibilityTest {
    private static final String USAGE = "GRANT USAGE ON *.* TO `ci`@`%` IDENTIFIED BY PASSWORD '*5DC3'";

    @Test
    void selectOnlyShowsNeither() {
        assertThat(MariaDbVisibility.of(List.of(USAGE, "GRANT SELECT ON `shop`.* TO `ci`@`%`",
                "GRANT ALL PRIVILEGES ON `retort\\_scratch\\_%`.* TO `ci`@`%`"), "shop"))
                .isEqualTo(new MariaDbVisibility.Visible(false, false));
    }

    @Test
    void databaseGlobalAndRoleGrantsShowThem() {
        assertThat(MariaDbVisibility.of(List.of(USAGE, "GRANT SELECT, EXECUTE ON `shop`.* TO `ci`@`%`"), "shop"))
                .isEqualTo(new MariaDbVisibility.Visible(true, false));
        // a pattern, and the current role's grants, which SHOW GRANTS lists after the user's
        assertThat(MariaDbVisibility.of(List.of(USAGE, "GRANT `ro` TO `ci`@`%`", "GRANT TRIGGER ON `sh\\_%`.* TO `ro`"), "sh_op"))
                .isEqualTo(new MariaDbVisibility.Visible(false, true));
        assertThat(MariaDbVisibility.of(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"), "shop"))
                .isEqualTo(new MariaDbVisibility.Visible(true, true));
        assertThat(MariaDbVisibility.of(List.of("GRANT SELECT ON `mysql`.`proc` TO `ci`@`%`"), "shop"))
                .isEqualTo(new MariaDbVisibility.Visible(true, false));
        assertThat(MariaDbVisibility.of(List.of("GRANT SELECT ON *.* TO `ci`@`%`"), "shop"))
                .isEqualTo(new MariaDbVisibility.Visible(true, false));
    }

    @Test
    void grantsOnOtherDatabasesTablesOrColumnsDoNot() {
        assertThat(MariaDbVisibility.of(List.of("GRANT EXECUTE, TRIGGER ON `shopx`.* TO `ci`@`%`",
                "GRANT SELECT ON `mysql`.`user` TO `ci`@`%`", "GRANT TRIGGER ON `shop`.`film` TO `ci`@`%`",
                "GRANT SELECT (`name`) ON `mysql`.`proc` TO `ci`@`%`",
                "GRANT EXECUTE ON PROCEDURE `shop`.`p` TO `ci`@`%`", "GRANT SELECT ON `sh_p`.* TO `ci`@`%`"), "shop"))
                .isEqualTo(new MariaDbVisibility.Visible(false, false));
        assertThat(MariaDbVisibility.matches("sh\\_p", "shap")).isFalse();
        assertThat(MariaDbVisibility.matches("sh_p", "shap")).isTrue();
    }
}
