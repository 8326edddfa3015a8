package com.custodian.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Passes committed permission changes on to the session refresh filters. */
@Component
class PermissionChanges {

    private final List<AuthorityRefreshFilter> filters = new CopyOnWriteArrayList<>();

    void notify(AuthorityRefreshFilter filter) {
        filters.add(filter);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(PermissionsChanged change) {
        filters.forEach(filter -> filter.forget(change));
    }
}
