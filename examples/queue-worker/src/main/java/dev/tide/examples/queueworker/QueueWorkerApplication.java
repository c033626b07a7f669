package dev.tide.examples.queueworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** hello-keda's queue function, in Java: logs and deletes every message of one Azure Storage queue. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class QueueWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueueWorkerApplication.class, args);
    }
}
