package dev.retort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IoErrorsTest {
    @Test
    void filesystemFailuresSayWhatWentWrongAndWhere(@TempDir Path dir) {
        IOException missing = catchThrowableOfType(() -> Files.readString(dir.resolve("nope.toml")), IOException.class);
        assertThat(IoErrors.describe(missing)).isEqualTo("no such file or directory (" + dir.resolve("nope.toml") + ")");
        assertThat(IoErrors.describe(new AccessDeniedException("/etc/x"))).isEqualTo("permission denied (/etc/x)");
        assertThat(IoErrors.describe(new FileSystemException("/a", "/b", "Read-only file system")))
                .isEqualTo("Read-only file system (/a -> /b)");
    }

    @Test
    void otherFailuresKeepTheirMessage(@TempDir Path dir) throws IOException {
        Path latin1 = Files.write(dir.resolve("x.toml"), new byte[]{(byte) 0xff, (byte) 0xfe});
        IOException bad = catchThrowableOfType(() -> Files.readString(latin1), IOException.class);
        assertThat(bad).isInstanceOf(MalformedInputException.class);
        assertThat(IoErrors.describe(bad)).isEqualTo("not valid UTF-8 (MalformedInputException)");
        assertThat(IoErrors.describe(new IOException("Is a directory"))).isEqualTo("Is a directory");
    }
}
