package com.custodian.security.ui;

import java.util.List;

import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryService;
import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;
import com.custodian.security.SignedInUser;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import com.vaadin.flow.theme.lumo.LumoUtility;

import jakarta.annotation.security.RolesAllowed;

/**
 * Who the signed-in person is to Custodian: their Entra identity and what their roles let them do.
 * It answers "why can't I see that page?" without asking an administrator.
 */
@Route("my-access")
@Menu(order = 1000, icon = "vaadin:user-check", title = "menu.my-access")
@RolesAllowed(Permission.Names.APP_USER)
@AccessDeniedErrorRouter
public final class MyAccessView extends Composite<VerticalLayout> implements HasDynamicTitle {

    MyAccessView(CurrentUser currentUser, DirectoryService directory) {
        SignedInUser user = currentUser.require();
        String email = directory.resolve(List.of(user.objectId())).entry(user.objectId())
                .map(DirectoryEntry::email).orElse(user.username());

        FormLayout identity = new FormLayout();
        identity.setId("my-identity");
        identity.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        identity.addFormItem(new Span(user.displayName() == null ? "" : user.displayName()),
                getTranslation("my-access.name"));
        identity.addFormItem(new Span(email == null ? "" : email), getTranslation("my-access.email"));
        identity.addFormItem(new Code(user.objectId().toString()), getTranslation("my-access.object-id"));
        identity.addFormItem(new Code(user.identity().tenantId().toString()), getTranslation("my-access.tenant-id"));

        H2 permissionsTitle = new H2(getTranslation("my-access.permissions"));
        permissionsTitle.addClassNames(LumoUtility.FontSize.LARGE);
        UnorderedList permissions = new UnorderedList();
        permissions.setId("my-permissions");
        user.permissions().stream().sorted()
                .forEach(permission -> permissions.add(new ListItem(getTranslation(permission.labelKey()))));

        VerticalLayout layout = getContent();
        layout.setMaxWidth("48rem");
        layout.add(identity, permissionsTitle, permissions);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.my-access");
    }
}
