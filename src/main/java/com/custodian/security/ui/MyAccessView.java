package com.custodian.security.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.custodian.security.AccessGrant;
import com.custodian.security.AccessSources;
import com.custodian.security.SignInAccess;
import com.vaadin.flow.component.html.Paragraph;

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
 * Who the signed-in person is to Custodian: their Entra identity, what their roles let them do and
 * where each permission comes from (their own assignment or a group they are in). It answers "why can't I see that page?" without asking an administrator.
 */
@Route("my-access")
@Menu(order = 1000, icon = "vaadin:user-check", title = "menu.my-access")
@RolesAllowed(Permission.Names.APP_USER)
@AccessDeniedErrorRouter
public final class MyAccessView extends Composite<VerticalLayout> implements HasDynamicTitle {

    MyAccessView(CurrentUser currentUser, DirectoryService directory, SignInAccess access) {
        SignedInUser user = currentUser.require();
        // Where each permission comes from (membership asked now), then every name in one directory request.
        AccessSources sources = access.grants(user.identity());
        List<AccessGrant> grants = sources.grants();
        List<UUID> groups = grants.stream().map(AccessGrant::group).filter(Objects::nonNull).distinct().toList();
        List<UUID> named = new java.util.ArrayList<>(groups);
        named.add(user.objectId());
        var lookup = directory.resolve(named);
        String email = lookup.entry(user.objectId()).map(DirectoryEntry::email).orElse(user.username());

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
        Map<UUID, String> groupNames = new HashMap<>();
        groups.forEach(group -> groupNames.put(group,
                lookup.entry(group).map(DirectoryEntry::displayName).orElse(group.toString())));
        user.permissions().stream().sorted().forEach(permission -> {
            ListItem item = new ListItem(new Span(getTranslation(permission.labelKey())));
            List<String> from = grants.stream().filter(grant -> grant.gives(permission))
                    .map(grant -> {
                        String roleName = grant.roleLabelKey() != null ? getTranslation(grant.roleLabelKey())
                                : grant.roleName();
                        String role = grant.organizationName() == null ? roleName
                                : getTranslation("users.role-in", roleName, grant.organizationName());
                        return grant.own() ? getTranslation("my-access.source.own", role)
                                : getTranslation("my-access.source.group", groupNames.get(grant.group()), role);
                    }).distinct().toList();
            if (!from.isEmpty()) {
                String joined = from.getFirst();
                for (String next : from.subList(1, from.size())) {
                    joined = getTranslation("list.pair", joined, next);
                }
                Span sourcesText = new Span(getTranslation("my-access.source", joined));
                sourcesText.addClassNames(LumoUtility.Display.BLOCK, LumoUtility.FontSize.SMALL,
                        LumoUtility.TextColor.SECONDARY);
                item.add(sourcesText);
            }
            permissions.add(item);
        });

        VerticalLayout layout = getContent();
        layout.setMaxWidth("48rem");
        layout.setHeightFull();
        if (user.groupsUnchecked() || sources.groupsUnchecked()) {
            Paragraph unchecked = new Paragraph(getTranslation("my-access.groups-unchecked"));
            unchecked.setId("my-access-groups-unchecked");
            unchecked.getElement().getThemeList().add("badge warning");
            layout.add(unchecked);
        }
        // The list scrolls in a region of its own that the keyboard reaches, not the whole page.
        com.vaadin.flow.component.orderedlayout.Scroller scroller =
                new com.vaadin.flow.component.orderedlayout.Scroller(permissions);
        scroller.setId("my-permissions-region");
        scroller.getElement().setAttribute("tabindex", "0");
        scroller.getElement().setAttribute("aria-label", getTranslation("my-access.permissions"));
        scroller.setWidthFull();
        layout.add(identity, permissionsTitle);
        layout.addAndExpand(scroller);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.my-access");
    }
}
