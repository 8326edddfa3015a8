package com.custodian.requests.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.custodian.base.ui.ClientTime;
import com.custodian.base.ui.LeanGrid;
import com.custodian.base.ui.PagedFetch;
import com.custodian.base.ui.RecentNames;
import com.custodian.base.ui.MarkupButton;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryLookup;
import com.custodian.directory.DirectoryService;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.DueState;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestStatus;
import com.custodian.requests.RequestType;
import com.custodian.security.Permission;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;

import jakarta.annotation.security.RolesAllowed;

/**
 * The register of customer data requests: what was asked, about whom, when it is due — overdue
 * and soon-due requests stand out — who handled it and how it ended.
 */
@Route("data-requests")
@Uses(Badge.class)
@Menu(order = 50, icon = "vaadin:clipboard-user", title = "menu.data-requests")
@RolesAllowed(Permission.Names.MANAGE_DATA_REQUESTS)
@AccessDeniedErrorRouter
public final class DataRequestsView extends Composite<VerticalLayout> implements HasDynamicTitle {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);

    /**
     * A request as the register's grid keeps it while it is shown: what the columns show. The
     * receipt, the note and the reasons (up to 4,000, 2,000 and 1,000 characters) are read when
     * the request itself is opened.
     */
    record Listed(long id, String reference, RequestType type, String subject, LocalDate receivedOn, LocalDate dueOn,
            DueState dueState, RequestStatus status, UUID handledBy, Instant completedAt) {

        static Listed of(RequestRow row) {
            return new Listed(row.id(), row.reference(), row.type(), row.subject(), row.receivedOn(), row.dueOn(),
                    row.dueState(), row.status(), row.handledBy(), row.completedAt());
        }
    }

    final Grid<Listed> grid = new LeanGrid<>();
    final MarkupButton newRequest;
    /** The handlers of the rows fetched lately: one directory request a page. */
    private final RecentNames handlerNames = new RecentNames();

    DataRequestsView(DataRequestsService requests, DirectoryService directory) {
        grid.setId("requests-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("requests.empty"));
        // Cells drawn in the browser from each row's values: no server-side component per row.
        grid.addColumn(LitRenderer.<Listed>of("<a href=${item.href} router-link>${item.reference}</a>")
                .withProperty("reference", Listed::reference)
                .withProperty("href", row -> RouteConfiguration.forSessionScope().getUrl(DataRequestView.class,
                        new RouteParameters("id", String.valueOf(row.id())))))
                .setHeader(getTranslation("requests.column.reference")).setKey("reference").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(row -> getTranslation("requests.type." + row.type().name().toLowerCase()))
                .setHeader(getTranslation("requests.column.type")).setKey("type").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Listed::subject).setHeader(getTranslation("requests.column.subject")).setKey("subject")
                .setFlexGrow(1).setTooltipGenerator(Listed::subject);
        grid.addColumn(row -> DAY.withLocale(getLocale()).format(row.receivedOn()))
                .setHeader(getTranslation("requests.column.received")).setKey("received").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(due()).setHeader(getTranslation("requests.column.due")).setKey("due")
                .setWidth("12rem").setFlexGrow(0);
        grid.addColumn(status()).setHeader(getTranslation("requests.column.status")).setKey("status")
                .setWidth("8.5rem").setFlexGrow(0);
        grid.addColumn(row -> row.handledBy() == null ? ""
                : handlerNames.of(row.handledBy()).orElse(row.handledBy().toString())).setHeader(getTranslation("requests.column.handled-by"))
                .setKey("handled-by").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(row -> row.completedAt() == null ? "" : ClientTime.format(row.completedAt()))
                .setHeader(getTranslation("requests.column.completed")).setKey("completed").setAutoWidth(true)
                .setFlexGrow(0);
        grid.setItems(com.custodian.base.ui.CountedDataProvider.of(query -> PagedFetch.fetch(query,
                DataRequestsService.MAX_PAGE_SIZE,
                page -> namingHandlers(requests.list((int) page.getOffset(), page.getPageSize()), directory).stream()
                        .map(Listed::of).toList()),
                count -> (int) Math.min(Integer.MAX_VALUE, requests.count()), () -> null));
        grid.setSizeFull();

        ViewToolbar toolbar = new ViewToolbar(getTranslation("requests.description"));
        newRequest = toolbar.action("new-request-button", VaadinIcon.PLUS, getTranslation("requests.new"),
                () -> new NewRequestDialog(requests, row -> getUI().ifPresent(ui -> ui.navigate(DataRequestView.class,
                        new RouteParameters("id", String.valueOf(row.id()))))).open())
                .addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(toolbar);
        VerticalLayout body = new VerticalLayout(grid);
        body.setSizeFull();
        layout.addAndExpand(body);
    }

    /** The due day, marked when it is near or past. */
    private LitRenderer<Listed> due() {
        return LitRenderer.<Listed>of("""
                <span>${item.day}</span>
                <vaadin-badge ?hidden=${!item.mark} theme=${item.theme}>${item.mark}</vaadin-badge>""")
                .withProperty("day", row -> DAY.withLocale(getLocale()).format(row.dueOn()))
                .withProperty("mark", row -> row.dueState() == DueState.OVERDUE || row.dueState() == DueState.DUE_SOON
                        ? getTranslation("requests.due." + row.dueState().name().toLowerCase()) : "")
                .withProperty("theme", row -> row.dueState() == DueState.OVERDUE ? "error small" : "warning small");
    }

    private LitRenderer<Listed> status() {
        return LitRenderer.<Listed>of("<vaadin-badge theme=${item.theme}>${item.status}</vaadin-badge>")
                .withProperty("status", row -> getTranslation("requests.status." + row.status().name().toLowerCase()))
                .withProperty("theme", row -> switch (row.status()) {
                    case OPEN -> "contrast small";
                    case IN_PROGRESS -> "warning small";
                    case COMPLETED -> "success small";
                    case REJECTED -> "error small";
                });
    }

    /** Asks the directory for every handler of the page in one request, for the cells drawn from it. */
    private List<RequestRow> namingHandlers(List<RequestRow> rows, DirectoryService directory) {
        Set<UUID> handlers = new HashSet<>();
        rows.forEach(row -> {
            if (row.handledBy() != null) {
                handlers.add(row.handledBy());
            }
        });
        if (!handlers.isEmpty()) {
            DirectoryLookup lookup = directory.resolve(handlers);
            handlers.forEach(id -> lookup.entry(id).map(DirectoryEntry::email)
                    .filter(email -> email != null && !email.isBlank())
                    .ifPresent(email -> handlerNames.put(id, email)));
        }
        return rows;
    }

    /** The handler by email, asked of the directory now; the object ID when it does not know them. */
    static String handledBy(RequestRow row, DirectoryService directory) {
        UUID handler = row.handledBy();
        if (handler == null) {
            return "";
        }
        return directory.resolve(List.of(handler)).entry(handler).map(DirectoryEntry::email)
                .filter(email -> email != null && !email.isBlank()).orElse(handler.toString());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.data-requests");
    }
}
