package com.custodian.users;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.base.jobs.JobLock;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.DirectoryUnavailableException;
import com.custodian.systemlog.SystemLog;

/**
 * Forgets the records of people who signed in through a group they have since left, every night:
 * a person's records are otherwise pruned only at their next sign-in, and someone who left and
 * never comes back must not stay listed on the group's page (nor kept at all). Membership is asked
 * of the directory twenty people a request; people it cannot answer about keep their records until
 * the next run. On one instance at a time.
 */
@Component
class GroupSignInCheck {

    private static final Logger log = LoggerFactory.getLogger(GroupSignInCheck.class);
    /** People asked about per round: fifty Graph batches. */
    static final int PEOPLE_PER_ROUND = 1000;

    private final GroupSignInRepository records;
    private final AppUserRepository users;
    private final DirectoryService directory;
    private final JobLock jobs;
    private final SystemLog systemLog;
    private final TransactionTemplate transactions;

    GroupSignInCheck(GroupSignInRepository records, AppUserRepository users, DirectoryService directory, JobLock jobs,
            SystemLog systemLog, PlatformTransactionManager transactions) {
        this.records = records;
        this.users = users;
        this.directory = directory;
        this.jobs = jobs;
        this.systemLog = systemLog;
        this.transactions = new TransactionTemplate(transactions);
    }

    @Scheduled(cron = "${custodian.users.group-sign-in-check-cron:0 41 3 * * *}")
    void checkOnOneInstance() {
        jobs.runExclusively("group-sign-in-check", Duration.ofHours(1), Duration.ofMinutes(5), this::check);
    }

    /** @return how many records were forgotten */
    public int check() {
        UUID tenant = directory.tenantId();
        // Object IDs are stored as text: the nil UUID sorts before every other.
        UUID after = new UUID(0, 0);
        int checked = 0;
        int forgotten = 0;
        while (true) {
            List<UUID> people = records.findPeopleAfter(tenant, after, PageRequest.of(0, PEOPLE_PER_ROUND));
            if (people.isEmpty()) {
                break;
            }
            after = people.getLast();
            Map<UUID, Map<UUID, Long>> groupsOf = new HashMap<>();
            Map<Long, UUID> groupIds = new HashMap<>();
            List<GroupSignIn> theirs = records.findByTenantIdAndObjectIdIn(tenant, people);
            users.findAllById(theirs.stream().map(GroupSignIn::getGroupUserId).distinct().toList())
                    .forEach(group -> groupIds.put(group.getId(), group.getObjectId()));
            theirs.forEach(record -> {
                UUID group = groupIds.get(record.getGroupUserId());
                if (group != null) {
                    groupsOf.computeIfAbsent(record.getObjectId(), id -> new HashMap<>()).put(group, record.getGroupUserId());
                }
            });
            Map<UUID, Set<UUID>> answers;
            try {
                Map<UUID, List<UUID>> asked = new HashMap<>();
                groupsOf.forEach((person, groups) -> asked.put(person, List.copyOf(groups.keySet())));
                answers = directory.memberships(asked);
            } catch (DirectoryUnavailableException e) {
                log.warn("Group sign-in check stopped: the directory could not be asked ({})", e.getMessage());
                break;
            }
            checked += answers.size();
            for (var answer : answers.entrySet()) {
                List<Long> left = new ArrayList<>();
                groupsOf.get(answer.getKey()).forEach((group, row) -> {
                    if (!answer.getValue().contains(group)) {
                        left.add(row);
                    }
                });
                if (!left.isEmpty()) {
                    UUID person = answer.getKey();
                    forgotten += transactions.execute(status -> records.forget(tenant, person, left));
                }
            }
        }
        if (forgotten > 0 || checked > 0) {
            log.info("Group sign-in check: {} people asked about, {} records of groups they left forgotten", checked,
                    forgotten);
            systemLog.record("group-sign-ins.checked", Map.of("people", checked, "forgotten", forgotten));
        }
        return forgotten;
    }
}
