package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a history row holds is cut to its columns, so that writing it never fails a run that is done. */
class HistoryEntryTest {
    private static HistoryTable.Entry by(String user) {
        return new HistoryTable.Entry("a1", "upgrade", "", "a1", user, null, null);
    }

    /** t27-9: a user name longer than the column keeps its first 255 characters. */
    @Test
    void appliedByIsCutToItsColumn() {
        assertThat(by("u".repeat(300)).appliedBy()).isEqualTo("u".repeat(255));
        assertThat(by("u".repeat(255)).appliedBy()).isEqualTo("u".repeat(255));
        assertThat(by("root").appliedBy()).isEqualTo("root");
        assertThat(by(null).appliedBy()).isNull();
    }

    /** Counted in code points, as the databases count characters, and never between the halves of one. */
    @Test
    void appliedByIsCutBetweenCharacters() {
        String emoji = "\uD83D\uDE00";
        assertThat(by(emoji.repeat(200)).appliedBy()).isEqualTo(emoji.repeat(200));
        assertThat(by("u" + emoji.repeat(300)).appliedBy()).isEqualTo("u" + emoji.repeat(254));
    }
}
