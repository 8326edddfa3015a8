package com.custodian.base.personaldata;

import java.util.Set;
import java.util.UUID;

/** Whom (or what) a customer data request is about. */
public sealed interface DataSubject {

    /**
     * A person, by the identifiers Custodian may hold: Entra object IDs (in the application's
     * tenant) and email addresses. The requests feature resolves one from the other through the
     * directory where it can; each feature looks for the identifiers it stores.
     */
    record Person(Set<UUID> objectIds, Set<String> emails) implements DataSubject {
        public Person {
            objectIds = Set.copyOf(objectIds);
            emails = Set.copyOf(emails);
        }
    }

    /** Devices, by device ID: all device data is treated as personal data of whoever owns it. */
    record Devices(Set<String> deviceIds) implements DataSubject {
        public Devices {
            deviceIds = Set.copyOf(deviceIds);
        }
    }
}
