package dev.tide.controller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Tide controller: reconciles KEDA's ScaledObjects into HPAs and scalers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TideControllerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TideControllerApplication.class, args);
    }
}
