package com.custodian.users.ui;

import com.custodian.users.BuiltInRole;
import com.custodian.users.RoleSummary;
import com.vaadin.flow.component.Component;

/** Role names as people read them: built-in roles in the viewer's language, custom roles as named. */
final class RoleLabels {

    private RoleLabels() {
    }

    static String of(Component view, RoleSummary role) {
        return of(view, role.id(), role.name(), role.builtIn());
    }

    static String of(Component view, java.util.UUID id, String name, boolean builtIn) {
        return builtIn ? BuiltInRole.of(id).map(r -> view.getTranslation(r.labelKey())).orElse(name) : name;
    }
}
