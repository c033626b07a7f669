package dev.tide.scaler.sql.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalProcessTest {

    @Test
    void aMissingServerBinaryFailsWithTheCommandThatInstallsIt() {
        assertThatThrownBy(() -> LocalProcess.binary(Path.of("/nonexistent/bin/postgres"), PostgresServer.INSTALL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("/nonexistent/bin/postgres is missing; these tests run against a real server: "
                        + "apt-get install -y --no-install-recommends postgresql");
    }

    @Test
    void postgresRunsAsThePostgresUserOnlyWhenThisJvmIsRoot() {
        java.util.List<String> command = LocalProcess.as("postgres", java.util.List.of("postgres", "-D", "data"));
        org.assertj.core.api.Assertions.assertThat(command).endsWith("postgres", "-D", "data")
                .startsWith(LocalProcess.root() ? new String[] {"runuser", "-u", "postgres", "--"} : new String[] {"postgres"});
    }
}
