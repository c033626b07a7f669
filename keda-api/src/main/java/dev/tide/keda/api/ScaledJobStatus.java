package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** {@code ScaledJobStatus} (KEDA {@code scaledjob_types.go}); {@code Paused} is spelled with a capital, as in KEDA. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScaledJobStatus extends ScalableStatus {

    @JsonProperty("Paused")
    private String paused;

    public String getPaused() {
        return paused;
    }

    public void setPaused(String paused) {
        this.paused = paused;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledJobStatus s && sharedFieldsEqual(s) && Objects.equals(paused, s.paused);
    }

    @Override
    public int hashCode() {
        return Objects.hash(paused, getConditions());
    }
}
