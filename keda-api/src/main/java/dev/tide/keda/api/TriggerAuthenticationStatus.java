package dev.tide.keda.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Which ScaledObjects and ScaledJobs use a trigger authentication, as comma-joined names. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class TriggerAuthenticationStatus {

    private String scaledobjects;
    private String scaledjobs;

    public String getScaledobjects() {
        return scaledobjects;
    }

    public void setScaledobjects(String scaledobjects) {
        this.scaledobjects = scaledobjects;
    }

    public String getScaledjobs() {
        return scaledjobs;
    }

    public void setScaledjobs(String scaledjobs) {
        this.scaledjobs = scaledjobs;
    }
}
