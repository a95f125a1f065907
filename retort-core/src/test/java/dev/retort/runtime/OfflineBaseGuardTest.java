package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.registry.Dialects;
import dev.retort.graph.Direction;
import dev.retort.graph.Plan;
import dev.retort.graph.Step;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The from-base guard of an offline script names the command that writes a script from FROM instead. */
class OfflineBaseGuardTest {
    private final TestRevisions revs = new TestRevisions()
            .add("k1", List.of(), "settings", "CREATE TABLE setting (name VARCHAR(50))", "DROP TABLE setting");

    /** t61-6: a stamp script's guard sent the DBA to write an upgrade script, which runs what a stamp records. */
    @Test
    void aStampScriptsGuardNamesStamp() {
        Plan up = revs.upgradeAll(Set.of());
        Step only = up.steps().get(0);
        Plan stamp = new Plan(Direction.STAMP, List.of(new Step(only.revision(), Direction.STAMP, only.from(), only.to())));
        for (String engine : List.of("sqlite", "postgresql")) {
            OfflineScript offline = new OfflineScript(Dialects.forName(engine), RuntimeSettings.defaults(), revs);
            assertThat(offline.render(stamp, true, null)).as(engine)
                    .contains("write one that starts where the database is (stamp FROM:TO --sql)")
                    .doesNotContain("upgrade FROM:TO");
            assertThat(offline.render(up, true, null)).as(engine)
                    .contains("write one that starts where the database is (upgrade FROM:TO --sql)");
        }
    }
}
