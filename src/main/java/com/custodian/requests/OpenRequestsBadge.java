package com.custodian.requests;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.custodian.base.ui.MenuBadge;
import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;

/** The number of open data requests next to the register in the menu, for those who handle them. */
@Component
class OpenRequestsBadge implements MenuBadge {

    private final DataRequestsService requests;
    private final CurrentUser currentUser;

    OpenRequestsBadge(DataRequestsService requests, CurrentUser currentUser) {
        this.requests = requests;
        this.currentUser = currentUser;
    }

    @Override
    public String path() {
        return "data-requests";
    }

    @Override
    public Optional<String> text() {
        if (currentUser.get().filter(user -> user.has(Permission.MANAGE_DATA_REQUESTS)).isEmpty()) {
            return Optional.empty();
        }
        long open = requests.openCount();
        return open == 0 ? Optional.empty() : Optional.of(String.valueOf(open));
    }
}
