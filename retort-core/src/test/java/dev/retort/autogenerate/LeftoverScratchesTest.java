package dev.retort.autogenerate;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** f4-1: only a scratch name of exactly Retort's form, older than an hour by the server's clock, is a leftover. */
class LeftoverScratchesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T16:00:00Z");

    @Test
    void aNameCarriesItsCreationTime() {
        String name = LeftoverScratches.name(NOW);
        assertThat(name).matches("retort_scratch_20261207160000_[0-9a-f]{12}");
        assertThat(LeftoverScratches.created(name)).isEqualTo(NOW);
    }

    @Test
    void onlyAnOldNameOfExactlyThatFormIsALeftover() {
        assertThat(LeftoverScratches.old("retort_scratch_20261207145959_5510cd013f6a", NOW)).isTrue();
        assertThat(LeftoverScratches.old("retort_scratch_20261207150000_5510cd013f6a", NOW)).as("an hour: kept").isFalse();
        assertThat(LeftoverScratches.old("retort_scratch_20261207155000_5510cd013f6a", NOW)).isFalse();
        assertThat(LeftoverScratches.old("retort_scratch_5510cd013f6a", NOW)).as("an earlier version's: age unknown").isFalse();
        assertThat(LeftoverScratches.old("retort_scratch_20261207145959_5510cd013f6a_copy", NOW)).isFalse();
        assertThat(LeftoverScratches.old("retort_scratch_20261207145959_5510CD013F6A", NOW)).isFalse();
        assertThat(LeftoverScratches.old("my_retort_scratch_20261207145959_5510cd013f6a", NOW)).isFalse();
        assertThat(LeftoverScratches.old("retort_scratch_20261399999999_5510cd013f6a", NOW)).as("not a date").isFalse();
    }
}
