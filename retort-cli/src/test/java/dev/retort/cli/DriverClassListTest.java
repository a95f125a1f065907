package dev.retort.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of classes the training run loads by name for the class-data archive: after a driver upgrade
 * renames classes, this says which names to drop (or regenerate the list with
 * retort-bench/scripts/server-driver-classes.sh).
 */
class DriverClassListTest {
    @Test
    void everyListedClassExists() throws Exception {
        assertThat(Training.loadServerDriverClasses()).isEmpty();
    }
}
