package dev.tide.keda.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What a row of KEDA's tables expects of an admission, checked against Tide's {@link Verdict}. */
sealed interface KedaDecision {

    void verify(Verdict verdict);

    static KedaDecision allowed() {
        return new Allowed();
    }

    /** Refused, and one error reads exactly as KEDA's message. */
    static KedaDecision denied(String message) {
        return new Denied(message);
    }

    /** Refused with a raw API error, which KEDA passes through: one error contains its words. */
    static KedaDecision deniedContaining(String apiError) {
        return new DeniedContaining(apiError);
    }

    /** Admitted with a warning containing each of {@code warnings}. */
    static KedaDecision warns(String... warnings) {
        return new Warns(List.of(warnings));
    }

    /** Admitted, and no warning contains {@code warning}. */
    static KedaDecision doesNotWarn(String warning) {
        return new DoesNotWarn(warning);
    }

    /** Admitted without any warning. */
    static KedaDecision noWarnings() {
        return new NoWarnings();
    }

    record Allowed() implements KedaDecision {
        @Override
        public void verify(Verdict verdict) {
            assertThat(verdict.errors()).as("errors").isEmpty();
        }
    }

    record Denied(String message) implements KedaDecision {
        @Override
        public void verify(Verdict verdict) {
            // KEDA's text exactly (a message about one trigger follows that trigger's field, see Finding#describe), or
            // Tide's field-first wording where Tide has its own rule.
            assertThat(verdict.errors()).anySatisfy(error -> assertThat(List.of(error.message(), error.describe())).contains(message));
        }
    }

    record DeniedContaining(String apiError) implements KedaDecision {
        @Override
        public void verify(Verdict verdict) {
            assertThat(verdict.errors()).extracting(Finding::describe).anySatisfy(e -> assertThat(e).contains(apiError));
        }
    }

    record Warns(List<String> warnings) implements KedaDecision {
        @Override
        public void verify(Verdict verdict) {
            assertThat(verdict.errors()).as("errors").isEmpty();
            for (String warning : warnings) {
                assertThat(verdict.warnings()).extracting(Finding::describe).anySatisfy(w -> assertThat(w).contains(warning));
            }
        }
    }

    record DoesNotWarn(String warning) implements KedaDecision {
        @Override
        public void verify(Verdict verdict) {
            assertThat(verdict.errors()).as("errors").isEmpty();
            assertThat(verdict.warnings()).extracting(Finding::describe).noneSatisfy(w -> assertThat(w).contains(warning));
        }
    }

    record NoWarnings() implements KedaDecision {
        @Override
        public void verify(Verdict verdict) {
            assertThat(verdict.errors()).as("errors").isEmpty();
            assertThat(verdict.warnings()).as("warnings").isEmpty();
        }
    }
}
