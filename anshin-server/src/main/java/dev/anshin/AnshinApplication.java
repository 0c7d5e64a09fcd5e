package dev.anshin;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The Anshin server: one Spring Modulith application, one top-level package per capability
 * ({@code fraud}, {@code cards}, {@code access}, {@code console}, {@code problems}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnshinApplication {

    /** The one clock of the server; tests replace it to control time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(AnshinApplication.class, args);
    }
}
