package com.custodian.organizations;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.custodian.directory.EntraConfigured;

/**
 * The organizations of the default run: Seattle and Berlin below the application, added once to an
 * application that has none, before the demo devices that belong to them; never against an Entra
 * tenant. Their IDs never change: demo data and tests rely on them.
 */
@Component
@Order(15)
@Conditional(EntraConfigured.No.class)
@ConditionalOnProperty(name = "custodian.demo-data", havingValue = "true")
public class DemoOrganizations implements ApplicationRunner {

    public static final UUID SEATTLE = UUID.fromString("0a9c3e5f-7b1d-4c2e-9f4a-6b8d0e2c4a01");
    public static final UUID BERLIN = UUID.fromString("0a9c3e5f-7b1d-4c2e-9f4a-6b8d0e2c4a02");

    private static final Logger log = LoggerFactory.getLogger(DemoOrganizations.class);

    private final OrganizationRepository organizations;
    private final Clock clock;
    private final com.custodian.base.jobs.JobLock jobs;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    DemoOrganizations(OrganizationRepository organizations, Clock clock, com.custodian.base.jobs.JobLock jobs,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.organizations = organizations;
        this.clock = clock;
        this.jobs = jobs;
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    /** Instances starting together take turns: the first adds, the others find them. */
    @Override
    public void run(ApplicationArguments args) {
        jobs.runInTurn("demo-organizations", java.time.Duration.ofMinutes(2),
                () -> transaction.executeWithoutResult(status -> add()));
    }

    private void add() {
        if (organizations.count() > 1) {
            return;
        }
        Organization root = organizations.findRoot();
        organizations.save(new Organization(SEATTLE, root, "Seattle", "Head office and its warehouse", clock.instant()));
        organizations.save(new Organization(BERLIN, root, "Berlin", "European sales office", clock.instant()));
        log.info("Added the demo organizations of the default run");
    }
}
