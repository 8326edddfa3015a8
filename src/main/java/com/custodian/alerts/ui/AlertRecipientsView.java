package com.custodian.alerts.ui;

import java.util.List;

import com.custodian.alerts.AlertRulesService;
import com.custodian.alerts.InvalidRuleException;
import com.custodian.alerts.RecipientRow;
import com.custodian.alerts.RecipientStatus;
import com.custodian.base.ui.LeanGrid;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;

import jakarta.annotation.security.RolesAllowed;

/**
 * Every address stored on any alert rule, the rules it is on, and whether it receives their emails
 * (only current users who have signed in do). An address is removed from, or replaced on, all its
 * rules in one confirmed step.
 */
@Route("alert-recipients")
@Uses(Badge.class)
@Uses(Icon.class)
@Menu(order = 41, icon = "vaadin:envelopes", title = "menu.alert-recipients")
@RolesAllowed(Permission.Names.VIEW_ALERT_RULES)
@AccessDeniedErrorRouter
public final class AlertRecipientsView extends Composite<VerticalLayout> implements HasDynamicTitle {

    /** A row's actions, as the small buttons of a layout without spacing a row had before. */
    private static final String ACTIONS = """
            <vaadin-horizontal-layout><vaadin-button theme="small error tertiary" id=${'remove-' + item.email}
                aria-label=${item.removeLabel} @click=${removeAddress}><vaadin-icon icon="vaadin:close-circle-o"
                slot="prefix"></vaadin-icon>${item.removeText}</vaadin-button><vaadin-button theme="small tertiary"
                id=${'replace-' + item.email} aria-label=${item.replaceLabel} @click=${replaceAddress}><vaadin-icon
                icon="vaadin:exchange" slot="prefix"></vaadin-icon>${item.replaceText}</vaadin-button></vaadin-horizontal-layout>""";

    /**
     * An address as the grid keeps it while it is shown: the names of its rules joined as the page
     * shows them, with their count. An address on hundreds of rules would otherwise hold a string
     * for each in every session showing it.
     */
    record Address(String email, RecipientStatus status, int ruleCount, String rules) {

        static Address of(RecipientRow row) {
            return new Address(row.email(), row.status(), row.rules().size(), String.join(", ", row.rules()));
        }
    }

    final Grid<Address> grid = new LeanGrid<>();
    final TextField filter = new TextField();
    ConfirmDialog removeConfirm;
    Dialog replaceDialog;

    private final AlertRulesService rules;
    private final boolean manages;

    AlertRecipientsView(AlertRulesService rules, CurrentUser currentUser) {
        this.rules = rules;
        this.manages = currentUser.require().has(Permission.MANAGE_ALERT_RULES);

        grid.setId("recipients-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText(getTranslation("recipients.empty"));
        grid.addColumn(Address::email).setHeader(getTranslation("recipients.column.address")).setKey("address")
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(status()).setHeader(getTranslation("recipients.column.status")).setKey("status")
                .setWidth("15rem").setFlexGrow(0);
        grid.addColumn(Address::rules).setHeader(getTranslation("recipients.column.rules"))
                .setKey("rules").setFlexGrow(2);
        if (manages) {
            grid.addColumn(actions()).setHeader(getTranslation("recipients.column.actions"))
                    .setKey("actions").setAutoWidth(true).setFlexGrow(0);
        }
        grid.setSizeFull();

        filter.setId("recipients-filter");
        filter.setPlaceholder(getTranslation("recipients.filter"));
        filter.setAriaLabel(getTranslation("recipients.filter"));
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setWidth("22rem");
        filter.addValueChangeListener(change -> show());

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(new ViewToolbar(getTranslation("recipients.description")));
        VerticalLayout body = new VerticalLayout(filter, grid);
        body.setSizeFull();
        layout.addAndExpand(body);
        reload();
    }

    /** Pages of addresses as the grid scrolls, and how many match, from the database. */
    private void reload() {
        grid.setItems(com.custodian.base.ui.CountedDataProvider.of(query -> com.custodian.base.ui.PagedFetch.fetch(
                query, AlertRulesService.MAX_PAGE_SIZE,
                page -> rules.recipients(filter.getValue(), (int) page.getOffset(), page.getPageSize()).stream()
                        .map(Address::of).toList()),
                count -> (int) Math.min(Integer.MAX_VALUE, rules.countRecipients(filter.getValue())), filter::getValue));
    }

    private void show() {
        grid.getDataProvider().refreshAll();
    }

    /** Drawn in the browser from the row's values: no server-side component per row. */
    private LitRenderer<Address> status() {
        return LitRenderer.<Address>of("<vaadin-badge theme=${item.theme} title=${item.help}>${item.status}</vaadin-badge>")
                .withProperty("status", row -> getTranslation(statusKey(row)))
                .withProperty("help", row -> getTranslation(statusKey(row) + ".help"))
                .withProperty("theme", row -> switch (row.status()) {
                    case SIGNED_IN_USER -> "small success";
                    case NEVER_SIGNED_IN, DIRECTORY_UNAVAILABLE -> "small warning";
                    case NOT_A_USER -> "small error";
                });
    }

    private static String statusKey(Address row) {
        return "recipients.status." + row.status().name().toLowerCase();
    }

    /**
     * The row's two actions as buttons drawn in the browser, each named for the address it acts on
     * (every row has them).
     */
    private LitRenderer<Address> actions() {
        return LitRenderer.<Address>of(ACTIONS)
                .withProperty("email", Address::email)
                .withProperty("removeText", row -> getTranslation("recipients.remove"))
                .withProperty("removeLabel", row -> getTranslation("recipients.remove.name", row.email()))
                .withProperty("replaceText", row -> getTranslation("recipients.replace"))
                .withProperty("replaceLabel", row -> getTranslation("recipients.replace.name", row.email()))
                .withFunction("removeAddress", this::confirmRemove)
                .withFunction("replaceAddress", this::openReplace);
    }

    void confirmRemove(Address row) {
        removeConfirm = new ConfirmDialog(getTranslation("recipients.remove.title"),
                getTranslation("recipients.remove.text", row.email(), row.ruleCount(), row.rules()),
                getTranslation("recipients.remove.button", row.ruleCount()), yes -> {
                    int removed = rules.removeAddress(row.email());
                    // Rules of organizations where the reader does not manage rules keep it: say how many.
                    int elsewhere = rules.rulesOutOfReachCarrying(row.email());
                    done(elsewhere == 0 ? getTranslation("recipients.removed", row.email(), removed)
                            : getTranslation("recipients.removed-some", row.email(), removed, elsewhere));
                });
        removeConfirm.setId("confirm-remove-address");
        removeConfirm.setCancelable(true);
        removeConfirm.setCancelText(getTranslation("action.cancel"));
        Confirmations.destructive(removeConfirm);
        removeConfirm.open();
    }

    void openReplace(Address row) {
        replaceDialog = new Dialog();
        replaceDialog.setId("replace-address");
        replaceDialog.setHeaderTitle(getTranslation("recipients.replace.title", row.email()));
        EmailField replacement = new EmailField(getTranslation("recipients.replace.new"));
        replacement.setId("replacement-address");
        replacement.setWidthFull();
        replacement.setMaxLength(254);
        replaceDialog.add(new Paragraph(getTranslation("recipients.replace.text", row.ruleCount(),
                row.rules())), replacement);
        Button confirm = new Button(getTranslation("recipients.replace.button", row.ruleCount()), click -> {
            try {
                int replaced = rules.replaceAddress(row.email(), replacement.getValue());
                replaceDialog.close();
                done(getTranslation("recipients.replaced", row.email(), replacement.getValue().strip(), replaced));
            } catch (InvalidRuleException invalid) {
                var problem = invalid.problems().values().iterator().next();
                replacement.setErrorMessage(getTranslation(problem.key(), problem.argumentArray()));
                replacement.setInvalid(true);
            }
        });
        confirm.setId("confirm-replace");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER).listenOn(replaceDialog);
        Button cancel = new Button(getTranslation("action.cancel"), click -> replaceDialog.close());
        replaceDialog.getFooter().add(cancel, confirm);
        replaceDialog.setWidth("32rem");
        replaceDialog.open();
        replacement.focus();
    }

    private void done(String message) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        show();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.alert-recipients");
    }
}
