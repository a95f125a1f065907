package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** t62-3: applied_by for a uid without a passwd entry (user.name '?'): USER, LOGNAME, then the uid. */
class OsUserTest {
    @Test
    void aNamedUserIsItself() {
        assertThat(OsUser.name("alice", Map.of("USER", "bob")::get, () -> "1000")).isEqualTo("alice");
    }

    @Test
    void aQuestionMarkOrNothingFallsBackToTheEnvironmentThenTheUid() {
        assertThat(OsUser.name("?", Map.of("USER", "deploy", "LOGNAME", "other")::get, () -> "12345")).isEqualTo("deploy");
        assertThat(OsUser.name("", Map.of("USER", " ", "LOGNAME", "deploy")::get, () -> "12345")).isEqualTo("deploy");
        assertThat(OsUser.name("?", Map.<String, String>of()::get, () -> "12345")).isEqualTo("uid=12345");
        assertThat(OsUser.name("?", Map.<String, String>of()::get, () -> null)).isEqualTo("?");
    }
}
