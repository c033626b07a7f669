package dev.tide.architecture;

import dev.tide.architecture.KedaNameScan.Hit;
import dev.tide.architecture.SourceFileLength.LongFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules about source text, checked against every module's {@code src/main/java}. */
class SourceRulesTest {

    @Test
    void noMainSourceOutsideKedaApiSpellsOneOfKedasNames() {
        List<Hit> hits = KedaNameScan.scan(TideRepository.root(), KedaNames.fromKedaApi());

        assertThat(hits).withFailMessage(() -> hits.size() + " string literal(s) outside keda-api spell one of KEDA's "
                        + "names; use keda-api's constant (KedaApi, EventReason, KedaCondition) instead:\n"
                        + lines(hits))
                .isEmpty();
    }

    @Test
    void noMainSourceFileHasMoreThan400Lines() {
        List<LongFile> longFiles = SourceFileLength.longerThan(TideRepository.root(), SourceFileLength.MAX_LINES);

        assertThat(longFiles).withFailMessage(() -> longFiles.size() + " main source file(s) have more than "
                        + SourceFileLength.MAX_LINES + " lines; split them by job:\n" + lines(longFiles))
                .isEmpty();
    }

    @Test
    void theScansReadEveryModule() {
        assertThat(MainSources.under(TideRepository.root(), java.util.Set.of()))
                .extracting(file -> file.getName(0).toString())
                .contains("scaler-api", "keda-api", "controller-service", "metrics-service", "sandbox", "examples");
    }

    private static String lines(List<?> findings) {
        return findings.stream().map(finding -> "  " + finding).collect(Collectors.joining("\n"));
    }
}
