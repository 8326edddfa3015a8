package com.custodian.requests.ui;

import java.util.List;
import java.util.Map;

import com.custodian.base.i18n.Text;
import com.custodian.base.personaldata.Holding;
import com.custodian.base.ui.ClientTime;
import com.custodian.directory.DirectoryService;
import com.custodian.requests.DataRequestException;
import com.custodian.requests.ErasureReceipt;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.Discovery;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestType;
import com.custodian.security.Permission;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.custodian.base.ui.Confirmations;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import com.vaadin.flow.server.streams.DownloadHandler;

import jakarta.annotation.security.RolesAllowed;

/**
 * One data request: everything found about its subject, and what can be done — export it, erase it
 * (after a confirmation that counts what goes and says what stays), extend the due date, reject,
 * complete. A completed erasure shows its receipt.
 */
@Route("data-requests/:id")
@RolesAllowed(Permission.Names.MANAGE_DATA_REQUESTS)
@AccessDeniedErrorRouter
public final class DataRequestView extends Composite<VerticalLayout> implements BeforeEnterObserver, HasDynamicTitle {

    final Button export = new Button();
    final Anchor download = new Anchor();
    final com.vaadin.flow.component.progressbar.ProgressBar exportProgress = new com.vaadin.flow.component.progressbar.ProgressBar();
    final Span exportState = new Span();
    private final com.custodian.requests.ExportJobs exportJobs;
    private String exportJob;
    private com.vaadin.flow.shared.Registration polling;
    final Button erase = new Button();
    final Button extend = new Button();
    final Button reject = new Button();
    final Button complete = new Button();
    final Div found = new Div();
    ConfirmDialog eraseConfirm;

    private final DataRequestsService requests;
    private final DirectoryService directory;
    private long id;
    private RequestRow request;
    private Discovery discovery;

    DataRequestView(DataRequestsService requests, DirectoryService directory,
            com.custodian.requests.ExportJobs exportJobs) {
        this.requests = requests;
        this.directory = directory;
        this.exportJobs = exportJobs;
        export.addClickListener(click -> prepareExport());
        com.custodian.base.ui.GuardedDownload.attach(download, "requests.export.download-failed", (event -> {
            String job = exportJob;
            event.setFileName("custodian-" + request.reference().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip");
            event.setContentType("application/zip");
            exportJobs.download(job, event.getOutputStream());
            event.getUI().access(() -> {
                exportJob = null;
                download.setVisible(false);
                exportState.setText(getTranslation("requests.export.downloaded"));
            });
        }));
        // Listeners once: the page is rendered again after every action.
        erase.addClickListener(click -> confirmErase());
        extend.addClickListener(click -> openExtend());
        complete.addClickListener(click -> act(() -> requests.complete(id), getTranslation("requests.completed")));
        reject.addClickListener(click -> openReject());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            id = Long.parseLong(event.getRouteParameters().get("id").orElse(""));
            request = requests.request(id);
        } catch (NumberFormatException | DataRequestException missing) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class,
                    getTranslation("requests.not-found"));
            return;
        }
        render();
    }

    private void render() {
        request = requests.request(id);
        discovery = requests.discover(id);
        VerticalLayout layout = getContent();
        layout.removeAll();
        layout.setMaxWidth("72rem");

        Paragraph facts = new Paragraph(getTranslation("requests.detail.facts",
                getTranslation("requests.type." + request.type().name().toLowerCase()), request.subject(),
                DataRequestsView.DAY.withLocale(getLocale()).format(request.receivedOn()),
                DataRequestsView.DAY.withLocale(getLocale()).format(request.dueOn()),
                getTranslation("requests.status." + request.status().name().toLowerCase())));
        facts.setId("request-facts");
        layout.add(new H3(getTranslation("requests.detail.title", request.reference())), facts);
        if (request.extendedMonths() > 0) {
            layout.add(new Paragraph(getTranslation("requests.detail.extended", request.extendedMonths(),
                    request.extensionReason())));
        }
        if (request.note() != null) {
            layout.add(new Paragraph(getTranslation("requests.detail.note", request.note())));
        }
        if (request.rejectionReason() != null) {
            layout.add(new Paragraph(getTranslation("requests.detail.rejected", request.rejectionReason())));
        }
        if (request.handledBy() != null) {
            layout.add(new Paragraph(getTranslation("requests.detail.handled-by",
                    DataRequestsView.handledBy(request, directory),
                    request.completedAt() == null ? "" : ", " + ClientTime.format(request.completedAt()))));
        }

        actions(layout);
        found.removeAll();
        found.setId("request-found");
        if (request.receipt() != null) {
            found.add(new H3(getTranslation("requests.detail.receipt")), receipt(request.receipt()));
        } else {
            if (!discovery.erasureBlockers().isEmpty()) {
                // Said before anyone presses Erase: what this person may not erase, and what they lack.
                Div blocked = new Div(new H3(getTranslation("requests.erase.blocked")));
                UnorderedList reasons = new UnorderedList();
                discovery.erasureBlockers().forEach(reason -> reasons.add(new ListItem(translate(reason))));
                blocked.add(reasons, new Paragraph(getTranslation("requests.erase.blocked.help")));
                blocked.setId("erasure-blocked");
                blocked.addClassNames("custodian-warning");
                found.add(blocked);
            }
            found.add(new H3(getTranslation("requests.detail.found", discovery.records())));
            if (!discovery.directoryAnswered()) {
                found.add(new Paragraph(getTranslation("requests.detail.directory-unavailable")));
            }
            found.add(new Paragraph(getTranslation("requests.detail.searched", String.join(", ", discovery.identifiers()
                    .stream().map(this::translate).toList()))));
            UnorderedList list = new UnorderedList();
            for (Holding holding : discovery.holdings()) {
                ListItem item = new ListItem(new Span(getTranslation("requests.detail.category",
                        holding.categoryName(), holding.records())));
                if (!holding.details().isEmpty()) {
                    UnorderedList details = new UnorderedList();
                    holding.details().forEach(line -> details.add(new ListItem(translate(line))));
                    item.add(details);
                }
                list.add(item);
            }
            found.add(list);
        }
        UnorderedList excluded = new UnorderedList();
        discovery.notIncluded().forEach(line -> excluded.add(new ListItem(translate(line))));
        found.add(new H3(getTranslation("requests.detail.not-included")), excluded);
        layout.add(found);
    }

    /** The receipt put into words, category by category, with the JSON it is kept as (the proof) beneath. */
    private Div receipt(String json) {
        java.util.SortedMap<String, String> lines = new java.util.TreeMap<>(java.text.Collator.getInstance(getLocale()));
        ErasureReceipt receipt;
        try {
            receipt = ErasureReceipt.of(json);
        } catch (RuntimeException unreadable) {
            // Whatever the stored text is, it is the proof: shown as kept.
            receipt = new ErasureReceipt(Map.of(), List.of());
        }
        receipt.erased().forEach((category, counts) -> {
            List<String> erased = counts.entrySet().stream().filter(count -> count.getValue() > 0)
                    .map(count -> counted(count.getKey(), count.getValue()))
                    .toList();
            String name = translate(com.custodian.base.personaldata.Holding.categoryName(category));
            lines.put(name, getTranslation("requests.receipt.category", name,
                    erased.isEmpty() ? getTranslation("requests.receipt.nothing") : String.join(", ", erased)));
        });
        UnorderedList categories = new UnorderedList();
        lines.values().forEach(line -> categories.add(new ListItem(line)));
        Pre stored = new Pre(json);
        stored.setId("receipt-json");
        com.vaadin.flow.component.details.Details asStored = new com.vaadin.flow.component.details.Details(
                getTranslation("requests.receipt.stored"), stored);
        Div shown = new Div(categories, asStored);
        shown.setId("erasure-receipt");
        return shown;
    }

    /** "3 users"; a kind of record this version has no words for stays as stored, with its number. */
    private String counted(String kind, long count) {
        String key = "requests.receipt.count." + kind;
        String text = getTranslation(key, count);
        return text.equals(key) ? kind + ": " + count : text;
    }

    private String translate(Text text) {
        return getTranslation(text.key(), text.argumentArray());
    }

    private void actions(VerticalLayout layout) {
        boolean open = !request.status().closed();
        export.setId("export-request");
        export.setText(getTranslation("requests.export"));
        export.setIcon(VaadinIcon.DOWNLOAD_ALT.create());
        download.setId("download-export");
        download.removeAll();
        download.add(VaadinIcon.DOWNLOAD_ALT.create(), new Span(getTranslation("requests.export.download")));
        download.addClassNames("custodian-anchor-button");
        exportProgress.setVisible(polling != null);
        exportProgress.setWidth("12rem");
        exportState.setId("export-state");
        export.setVisible(request.receipt() == null && request.status() != com.custodian.requests.RequestStatus.REJECTED);
        // Offered only for a prepared export of this page: there is nothing to download before.
        download.setVisible(export.isVisible() && exportJob != null && polling == null
                && exportJobs.progress(exportJob).map(progress -> progress.finished() && progress.failure() == null)
                        .orElse(false));
        if (!export.isVisible()) {
            exportState.setText("");
        }

        erase.setText(getTranslation("requests.erase"));
        erase.setId("erase-request");
        erase.setIcon(VaadinIcon.ERASER.create());
        erase.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        erase.setVisible(open && request.type() == RequestType.ERASURE);
        erase.setEnabled(discovery.erasable());

        extend.setText(getTranslation("requests.extend"));
        extend.setId("extend-request");
        extend.setVisible(open && request.extendedMonths() < 2);

        complete.setText(getTranslation("requests.complete"));
        complete.setId("complete-request");
        complete.setVisible(open && request.type() != RequestType.ERASURE);

        reject.setText(getTranslation("requests.reject"));
        reject.setId("reject-request");
        reject.setVisible(open);

        HorizontalLayout actions = new HorizontalLayout(export, exportProgress, exportState, download, erase, complete,
                extend, reject);
        actions.setAlignItems(HorizontalLayout.Alignment.CENTER);
        layout.add(actions);
    }

    /** Prepares the export in the background; the page polls its progress and then offers the file. */
    private void prepareExport() {
        exportJob = exportJobs.start(id, getLocale());
        export.setEnabled(false);
        download.setVisible(false);
        exportProgress.setVisible(true);
        exportProgress.setValue(0);
        exportState.setText(getTranslation("requests.export.preparing"));
        getUI().ifPresent(ui -> {
            ui.setPollInterval(500);
            polling = ui.addPollListener(poll -> followExport());
        });
    }

    void followExport() {
        if (exportJobs.progress(exportJob).isEmpty()) {
            // The job is gone (discarded, fetched elsewhere, expired): nothing to follow, and polling
            // would keep an idle session alive.
            stopPolling();
            export.setEnabled(true);
            return;
        }
        exportJobs.progress(exportJob).ifPresent(progress -> {
            exportProgress.setValue(progress.fraction());
            exportState.setText(progress.finished() ? (progress.failure() != null ? progress.failure()
                    : getTranslation("requests.export.ready", progress.bytes() / 1024))
                    : getTranslation("requests.export.writing", progress.writing(), progress.bytes() / 1024));
            if (progress.finished()) {
                stopPolling();
                export.setEnabled(true);
                download.setVisible(progress.failure() == null);
                render(); // preparing it put the request in progress
            }
        });
    }

    private void stopPolling() {
        if (polling != null) {
            polling.remove();
            polling = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent detach) {
        stopPolling();
        super.onDetach(detach);
    }

    private void confirmErase() {
        // As it is now: an export since the page opened marked it in progress, and counts may have changed.
        request = requests.request(id);
        discovery = requests.discover(id);
        Div text = new Div(new Paragraph(getTranslation("requests.erase.text", request.subject())));
        UnorderedList counts = new UnorderedList();
        discovery.holdings().stream().filter(holding -> !holding.isEmpty()).forEach(holding -> counts.add(
                new ListItem(getTranslation("requests.detail.category", holding.categoryName(), holding.records()))));
        text.add(counts, new Paragraph(getTranslation("requests.erase.stays")));
        eraseConfirm = new ConfirmDialog();
        eraseConfirm.setId("confirm-erase-request");
        eraseConfirm.setHeader(getTranslation("requests.erase.title"));
        eraseConfirm.setText(text);
        eraseConfirm.setCancelable(true);
        eraseConfirm.setCancelText(getTranslation("action.cancel"));
        eraseConfirm.setConfirmText(getTranslation("requests.erase.button", discovery.records()));
        Confirmations.destructive(eraseConfirm);
        eraseConfirm.addConfirmListener(yes -> act(() -> requests.erase(id, request.version(), getLocale()),
                getTranslation("requests.erased")));
        eraseConfirm.open();
    }

    private void openExtend() {
        Select<Integer> months = new Select<>();
        months.setLabel(getTranslation("requests.extend.months"));
        months.setItems(request.extendedMonths() == 0 ? List.of(1, 2) : List.of(1));
        months.setValue(1);
        reasonDialog("extend", getTranslation("requests.extend.title"), getTranslation("requests.extend.reason"), 500,
                months, getTranslation("requests.extend"), reason -> requests.extend(id, months.getValue(), reason),
                getTranslation("requests.extended"), ButtonVariant.LUMO_PRIMARY);
    }

    private void openReject() {
        reasonDialog("reject", getTranslation("requests.reject.title"), getTranslation("requests.reject.reason"), 1000,
                null, getTranslation("requests.reject"), reason -> requests.reject(id, reason),
                getTranslation("requests.rejected"), ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
    }

    /** A dialog that asks for a reason (and maybe more) and acts on it; the service's refusal shows on the reason. */
    private void reasonDialog(String name, String title, String label, int maxLength,
            com.vaadin.flow.component.Component extra, String confirmText,
            java.util.function.Consumer<String> action, String doneMessage, ButtonVariant... variants) {
        Dialog dialog = new Dialog();
        dialog.setId(name + "-dialog");
        dialog.setHeaderTitle(title);
        TextArea reason = new TextArea(label);
        reason.setMaxLength(maxLength);
        reason.setWidthFull();
        reason.setId(name + "-reason");
        Button confirm = new Button(confirmText, click -> {
            try {
                action.accept(reason.getValue());
                dialog.close();
                done(doneMessage);
            } catch (DataRequestException refused) {
                reason.setErrorMessage(getTranslation(refused.problem().messageKey(), refused.arguments()));
                reason.setInvalid(true);
            }
        });
        confirm.setId("confirm-" + name);
        confirm.addThemeVariants(variants);
        VerticalLayout fields = new VerticalLayout();
        fields.setPadding(false);
        if (extra != null) {
            fields.add(extra);
        }
        fields.add(reason);
        dialog.add(fields);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), click -> dialog.close()), confirm);
        dialog.setWidth("30rem");
        dialog.open();
    }

    private void act(Runnable action, String message) {
        try {
            action.run();
            done(message);
        } catch (DataRequestException refused) {
            error(getTranslation(refused.problem().messageKey(), refused.arguments()));
        } catch (RuntimeException refused) {
            if (refused instanceof com.custodian.users.UsersException users) {
                error(getTranslation(users.problem().messageKey(), users.arguments()));
            } else {
                throw refused;
            }
        }
    }

    private void done(String message) {
        Notification.show(message, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        render();
        com.custodian.base.ui.MainLayout.refreshBadgesOf(this);
    }

    private static void error(String message) {
        Notification.show(message, 8000, Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return request == null ? getTranslation("menu.data-requests") : request.reference();
    }
}
