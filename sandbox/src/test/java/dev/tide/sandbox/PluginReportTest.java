package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginReportTest {

    @TempDir
    Path dir;

    @Test
    void theControllersLinesAboutPluginsAreShownWithoutTheLogPrefix() throws IOException {
        Path log = Files.writeString(dir.resolve("controller.log"), """
                2026-12-03T07:42:45.101Z  INFO 1 --- [controller] [main] d.t.s.h.PluginLoader : Loaded built-in scalers class path [cron, kafka]
                2026-12-03T07:42:45.102Z  INFO 1 --- [controller] [main] d.t.s.h.PluginLoader : Loaded scaler plugin file-scaler 0.1.0 from /p/file-scaler [file]
                2026-12-03T07:42:45.103Z ERROR 1 --- [controller] [main] d.t.s.h.PluginLoader : Skipped scaler plugin /p/old.jar: no Tide-Scaler-Api-Version
                2026-12-03T07:42:46.000Z  INFO 1 --- [controller] [main] d.t.c.Leader : Leading
                """);

        assertThat(PluginReport.loaded(log)).containsExactly(
                "Loaded scaler plugin file-scaler 0.1.0 from /p/file-scaler [file]",
                "Skipped scaler plugin /p/old.jar: no Tide-Scaler-Api-Version");
    }

    @Test
    void aControllerThatLoadedNoPluginSaysSo() throws IOException {
        Path log = Files.writeString(dir.resolve("controller.log"), "... : Leading\n");

        assertThat(PluginReport.loaded(log)).singleElement().asString().startsWith("the controller loaded no scaler plugin");
    }
}
