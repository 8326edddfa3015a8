package com.custodian.audit.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.custodian.audit.AuditQuery;
import com.custodian.audit.AuditRow;
import com.custodian.audit.AuditTrail;
import com.custodian.base.ui.ClientTime;
import com.custodian.base.ui.LeanGrid;
import com.custodian.base.ui.MarkupButton;
import com.custodian.base.ui.PagedFetch;
import com.custodian.base.ui.RecentNames;
import com.custodian.base.ui.ViewToolbar;
import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryLookup;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.DirectoryUnavailableException;
import com.custodian.security.Permission;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import com.vaadin.flow.server.streams.DownloadHandler;

import jakarta.annotation.security.RolesAllowed;

/**
 * Who changed what: every administrative change and refusal, newest first, filtered by time,
 * actor (email or object ID), action and target; actors shown by email, asked of the directory
 * now (the trail itself stores object IDs only); the filtered entries as CSV.
 */
@Route("audit-trail")
@Uses(Badge.class)
@Uses(DateTimePicker.class)
@Menu(order = 60, icon = "vaadin:records", title = "menu.audit-trail")
@RolesAllowed(Permission.Names.VIEW_AUDIT_TRAIL)
@AccessDeniedErrorRouter
public final class AuditTrailView extends Composite<VerticalLayout> implements HasDynamicTitle {

    final Grid<AuditRow> grid = new LeanGrid<>();
    /**
     * The time range's two pickers, made when a person first asks for a time range: they hold about
     * 22 KB a session, and most visits to the audit trail read its latest entries.
     */
    DateTimePicker from;
    DateTimePicker until;
    final MarkupButton timeRange;
    private final HorizontalLayout filters = new HorizontalLayout();
    final TextField actor = new TextField();
    /** Who the actors of the rows fetched lately are: one directory request a page. */
    private final RecentNames actorNames = new RecentNames();
    final ComboBox<String> action = new ComboBox<>();
    final TextField target = new TextField();
    final Anchor export = new Anchor();

    private final AuditTrail audit;
    private final DirectoryService directory;

    private final com.custodian.base.i18n.Translations translations;

    AuditTrailView(AuditTrail audit, DirectoryService directory, com.custodian.base.i18n.Translations translations) {
        this.audit = audit;
        this.directory = directory;
        this.translations = translations;
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setEmptyStateText(getTranslation("audit.empty"));
        grid.addColumn(row -> ClientTime.format(row.at())).setHeader(getTranslation("audit.column.at")).setKey("at")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::actorShown).setHeader(getTranslation("audit.column.actor")).setKey("actor")
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(row -> actionLabel(row.action())).setHeader(getTranslation("audit.column.action")).setKey("action")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::targetShown).setHeader(getTranslation("audit.column.target")).setKey("target")
                .setAutoWidth(true).setFlexGrow(1).setTooltipGenerator(row -> row.target() == null ? "" : row.target());
        // Drawn in the browser from the row's values: no server-side component per row.
        grid.addColumn(LitRenderer.<AuditRow>of("<vaadin-badge theme=${item.theme}>${item.outcome}</vaadin-badge>")
                .withProperty("outcome", row -> getTranslation("audit.outcome." + row.outcome().toLowerCase()))
                .withProperty("theme", row -> "DONE".equals(row.outcome()) ? "success small" : "error small"))
                .setHeader(getTranslation("audit.column.outcome")).setKey("outcome")
                .setWidth("8rem").setFlexGrow(0);
        grid.addColumn(row -> com.custodian.base.i18n.StoredText.read(row.detail(), translations, getLocale())).setHeader(getTranslation("audit.column.detail")).setKey("detail")
                .setFlexGrow(2).setTooltipGenerator(row -> row.detail() == null ? "" : row.detail());
        grid.setItems(com.custodian.base.ui.CountedDataProvider.of(query -> PagedFetch.fetch(query, AuditTrail.MAX_PAGE_SIZE,
                page -> namingActors(audit.list(query(), (int) page.getOffset(), page.getPageSize()))),
                count -> (int) Math.min(Integer.MAX_VALUE, audit.count(query())), this::query));
        grid.setSizeFull();

        timeRange = new MarkupButton("audit-time-range", VaadinIcon.CALENDAR_CLOCK, getTranslation("audit.filter.time-range"),
                this::showTimeRange);
        timeRange.getElement().addEventListener("click", click -> timeRange.click());
        actor.setLabel(getTranslation("audit.filter.actor"));
        actor.setPlaceholder(getTranslation("audit.filter.actor.placeholder"));
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.setClearButtonVisible(true);
        actor.setId("audit-actor");
        action.setLabel(getTranslation("audit.filter.action"));
        action.setItems(audit.actions());
        action.setItemLabelGenerator(this::actionLabel);
        action.setClearButtonVisible(true);
        action.setId("audit-action");
        target.setLabel(getTranslation("audit.filter.target"));
        target.setValueChangeMode(ValueChangeMode.LAZY);
        target.setClearButtonVisible(true);
        actor.addValueChangeListener(change -> refresh());
        action.addValueChangeListener(change -> refresh());
        target.addValueChangeListener(change -> refresh());

        export.setId("export-audit");
        export.add(VaadinIcon.DOWNLOAD_ALT.create());
        export.add(getTranslation("audit.export"));
        export.addClassNames("custodian-anchor-button");
        com.custodian.base.ui.GuardedDownload.attach(export, "audit.export.failed", (event -> {
            event.setFileName("custodian-audit-trail-" + LocalDate.now(ClientTime.zone()) + ".csv");
            event.setContentType("text/csv");
            audit.exportCsv(query(), event.getOutputStream());
        }));

        filters.add(timeRange, actor, action, target);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(new ViewToolbar(getTranslation("audit.description"), export));
        VerticalLayout body = new VerticalLayout(filters, grid);
        body.setSizeFull();
        layout.addAndExpand(body);
    }

    /** The filter as typed; an email address is looked up in the directory to filter by object ID. */
    AuditQuery query() {
        ZoneId zone = ClientTime.zone();
        String who = actor.getValue() == null ? "" : actor.getValue().strip();
        if (who.contains("@")) {
            try {
                who = directory.findPeopleByEmail(who).stream().findFirst().map(entry -> entry.objectId().toString())
                        .orElse("nobody with " + who);
            } catch (DirectoryUnavailableException e) {
                who = "directory unavailable";
            }
        }
        return new AuditQuery(instant(from, zone), instant(until, zone), who, action.getValue(), target.getValue());
    }

    private static java.time.Instant instant(DateTimePicker picker, ZoneId zone) {
        return picker == null || picker.getValue() == null ? null : picker.getValue().atZone(zone).toInstant();
    }

    /** Puts the two pickers where the time range's button was, and moves the focus to the first. */
    void showTimeRange() {
        if (from != null) {
            return;
        }
        from = timePicker("audit-from", "audit.filter.from");
        until = timePicker("audit-until", "audit.filter.until");
        filters.replace(timeRange, from);
        filters.addComponentAtIndex(filters.indexOf(from) + 1, until);
        from.focus();
    }

    private DateTimePicker timePicker(String id, String label) {
        DateTimePicker picker = com.custodian.base.ui.DatePickers.localize(new DateTimePicker());
        picker.setId(id);
        picker.setLabel(getTranslation(label));
        picker.addValueChangeListener(change -> refresh());
        return picker;
    }

    /**
     * Asks the directory for every actor and target of the page in one request (a page by 50 people must not
     * cost 50 requests to Graph), and keeps the names for the cells drawn from it.
     */
    private List<AuditRow> namingActors(List<AuditRow> rows) {
        Set<UUID> actors = new HashSet<>();
        // Targets that are object IDs (people, service principals, groups) are named in the same request.
        rows.forEach(row -> {
            objectId(row.actor()).ifPresent(actors::add);
            objectId(row.target()).ifPresent(actors::add);
        });
        if (!actors.isEmpty()) {
            DirectoryLookup lookup = directory.resolve(actors);
            actors.forEach(id -> lookup.entry(id).flatMap(AuditTrailView::shownAs)
                    .ifPresent(name -> actorNames.put(id, name)));
        }
        return rows;
    }

    /** The actor by email, by name where there is none (a service principal), else as recorded. */
    private String actorShown(AuditRow row) {
        if (row.actor() == null) {
            return getTranslation("audit.actor.service");
        }
        return objectId(row.actor()).flatMap(actorNames::of).orElse(row.actor());
    }

    /** The target by email or name where it is an object ID the directory knows, else as recorded. */
    private String targetShown(AuditRow row) {
        return objectId(row.target()).flatMap(actorNames::of).orElse(row.target());
    }

    private static Optional<String> shownAs(DirectoryEntry entry) {
        if (entry.email() != null && !entry.email().isBlank()) {
            return Optional.of(entry.email());
        }
        return Optional.ofNullable(entry.displayName()).filter(name -> !name.isBlank());
    }

    private static Optional<UUID> objectId(String actor) {
        if (actor == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(actor));
        } catch (IllegalArgumentException pseudonym) {
            return Optional.empty();
        }
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.audit-trail");
    }

    /** An action as the trail records it ("user.deleted"), in the reader's words; an unknown one as recorded. */
    private String actionLabel(String action) {
        String key = "audit.action." + action;
        return translations.has(key) ? getTranslation(key) : action;
    }
}
