package dev.tide.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    private static final String NAME = "scaledobject.keda.sh/name";

    @ParameterizedTest(name = "[{index}] \"{0}\" names {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "scaledobject.keda.sh/name=orders                      | orders",
        "scaledobject.keda.sh/name==orders                     | orders",
        "scaledobject.keda.sh/name = orders                    | orders",
        "app=web,scaledobject.keda.sh/name=orders               | orders",
        "scaledobject.keda.sh/name in (orders)                 | orders",
        "scaledobject.keda.sh/name in (orders),env notin (dev,qa) | orders",
        "'scaledobject.keda.sh/name=orders,scaledobject.keda.sh/name==orders' | orders",
        "scaledobject.keda.sh/name!=orders                     | -",
        "scaledobject.keda.sh/name notin (orders)              | -",
        "scaledobject.keda.sh/name                             | -",
        "!scaledobject.keda.sh/name                            | -",
        "app=web                                               | -",
        "''                                                    | -",
        "-                                                     | -",
    })
    void findsTheScaledObjectNameOnlyWhereTheSelectorPinsIt(String selector, String expected) {
        assertThat(LabelSelector.parse(selector).exactValue(NAME)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "scaledobject.keda.sh/name in (a,b)                 | allows several values for scaledobject.keda.sh/name: [a, b]",
        "'scaledobject.keda.sh/name=a,scaledobject.keda.sh/name=b' | to be both a and b",
        "scaledobject.keda.sh/name in orders                | expected a parenthesised set",
        "scaledobject.keda.sh/name in (orders               | unbalanced '('",
        "a)                                                 | unbalanced ')'",
        "scaledobject.keda.sh/name=orders,                   | empty requirement",
        "scaledobject.keda.sh/name=bad value!               | invalid label value",
        "-bad-key=orders                                    | invalid label key",
        "scaledobject.keda.sh/name > 3                      | expected '=', '==', '!=', 'in' or 'notin'",
    })
    void rejectsSelectorsThatDoNotNameExactlyOneScaledObject(String selector, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector).exactValue(NAME))
                .isInstanceOf(LabelSelector.InvalidSelectorException.class)
                .hasMessageContaining(message);
    }
}
