package dev.retort.runtime;

import dev.retort.testing.Stderr;
import dev.retort.testing.StubDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that fails to close after the work on it is done (an H2 AUTO_SERVER file whose serving process had just
 * ended: "Lock file recently modified", seen in H2AutoServerIT) failed a run that had committed everything: what was
 * committed stands, so that is a warning now.
 */
class CloseAfterWorkIT {
    @Test
    void aConnectionThatFailsToCloseAfterACommittedRunIsAWarning(@TempDir Path dir) throws Exception {
        Path versions = TestRevisions.writeAccountRevision(dir.resolve("db/versions"));
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        StubDataSource closeFails = () -> {
            Connection real = DriverManager.getConnection(url);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        try {
                            Object result = method.invoke(real, args);
                            if (method.getName().equals("close")) throw new SQLException("Lock file recently modified");
                            return result;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        Retort retort = Retort.builder().scriptLocation(versions.getParent()).dataSource(closeFails).build();
        String err = Stderr.of(() -> assertThat(retort.upgrade("heads").applied()).hasSize(1));
        assertThat(err).contains("Closing the connection to").contains("failed after the work was done (it stands)")
                .contains("Lock file recently modified");
        assertThat(Stderr.of(() -> assertThat(retort.current()).containsExactly("aaaa00000001"))).contains("it stands");
    }
}
