package dev.tide.controller.config;

/**
 * Work only the leader does (the scale loops, the job loops): started when this replica takes the lead, stopped
 * when it loses it or shuts down. Stopping leaves the cluster as it is.
 */
public interface LeaderWork {

    void startAll();

    void stopAll();
}
