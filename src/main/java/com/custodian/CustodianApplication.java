package com.custodian;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Custodian: the administration console of an IoT application.
 */
@SpringBootApplication
@EnableScheduling
public class CustodianApplication {

    /** The application's clock; tests replace it to fix time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(CustodianApplication.class, args);
    }
}
