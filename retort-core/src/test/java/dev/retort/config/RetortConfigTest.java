package dev.retort.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** t34-4: start-up code logs its settings object; its text holds no password. */
class RetortConfigTest {
    @Test
    void toStringShowsTheUrlMasked(@TempDir Path dir) throws Exception {
        Path toml = dir.resolve("g.toml");
        Files.writeString(toml, "[retort]\nscript_location = \"proj\"\n"
                + "url = \"postgresql://postgres:${PW:-Hunter2Secret}@127.0.0.1/t34_a\"\n");
        RetortConfig c = ConfigLoader.load(toml, null, null, null, Map.of(), Map.of("pw", "Hunter2SecretX", "mode", "fast"));
        assertThat(c.url()).contains("password=Hunter2Secret"); // what connects keeps it
        assertThat(c.toString()).doesNotContain("Hunter2Secret")
                .startsWith("RetortConfig[file=" + toml + ", scriptLocation=" + dir.resolve("proj") + ", ")
                .contains("url=jdbc:postgresql://127.0.0.1/t34_a?user=postgres&password=***, ")
                .contains("displayUrl=postgresql://postgres:***@127.0.0.1/t34_a, ")
                .contains("x={mode=***, pw=***}")
                .contains("versionTable=retort_version, ").endsWith("]");
        assertThat(RetortConfig.of(dir, "jdbc:mariadb://root:Hunter2Secret@h/db").toString()).doesNotContain("Hunter2Secret")
                .contains("url=jdbc:mariadb://root:***@h/db");
        // every component is shown, as the generated form did
        for (var component : RetortConfig.class.getRecordComponents()) {
            assertThat(c.toString()).contains(component.getName() + "=");
        }
    }
}
