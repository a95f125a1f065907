package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputMasksTest {

    /** One method: the notes are process-wide, and the first half needs a process that has not asked for them yet. */
    @Test
    void passwordsAreNotedOnlyOnceAProcessPrintsDriverOutput() {
        String url = "jdbc:postgresql://db.example/app?user=app&password=Kx7bareSecret";
        String statement = "ALTER USER app IDENTIFIED BY 'Wq4literalSecret'";
        String driverLine = "Url [Kx7bareSecret] parsing failed; near 'BY 'Wq4literalSecret'' and Wq4literalSecret";

        // a library application: nothing kept, the line only masked by its shape
        OutputMasks.connecting(url);
        OutputMasks.running(statement);
        assertThat(OutputMasks.mask(driverLine)).contains("Kx7bareSecret");

        OutputMasks.remember();
        OutputMasks.connecting(url);
        OutputMasks.running(statement);
        assertThat(OutputMasks.mask(driverLine))
                .doesNotContain("Kx7bareSecret")
                .doesNotContain("Wq4literalSecret");
    }
}
