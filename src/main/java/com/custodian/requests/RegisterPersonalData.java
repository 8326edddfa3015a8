package com.custodian.requests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.export.ExportFormat;
import com.custodian.base.export.TableWriter;
import com.custodian.base.i18n.Text;
import com.custodian.base.personaldata.DataSubject;
import com.custodian.base.personaldata.Erased;
import com.custodian.base.personaldata.ExportBundle;
import com.custodian.base.personaldata.Holding;
import com.custodian.base.personaldata.PersonalData;

/**
 * The register's own part of the contract: earlier requests name the subject. An erasure forgets
 * the subject on closed requests (a salted hash stays, as proof); requests still open keep it,
 * since they are work not yet done.
 */
@Component
class RegisterPersonalData implements PersonalData {

    static final String CATEGORY = "data requests";

    private final JdbcTemplate jdbc;

    RegisterPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String category() {
        return CATEGORY;
    }

    @Override
    public Set<String> tables() {
        return Set.of("data_request");
    }

    @Override
    @PreAuthorize(DataRequestsService.MANAGE)
    @Transactional(readOnly = true)
    public Holding find(DataSubject subject) {
        List<Named> naming = naming(subject);
        return new Holding(CATEGORY, naming.size(), naming.stream()
                .map(request -> Text.of("requests.holding.data-request", request.reference(),
                        Text.of("requests.type." + request.type().toLowerCase(java.util.Locale.ROOT)),
                        Text.of("requests.status." + request.status().toLowerCase(java.util.Locale.ROOT))))
                .toList());
    }

    @Override
    @PreAuthorize(DataRequestsService.MANAGE)
    @Transactional(readOnly = true)
    public void export(DataSubject subject, ExportBundle bundle) {
        List<Named> naming = naming(subject);
        bundle.file("data-requests.csv", out -> {
            try (TableWriter csv = TableWriter.open(ExportFormat.CSV, List.of("reference", "type", "receivedOn",
                    "status", "note", "extensionReason", "rejectionReason"), out)) {
                for (Named request : naming) {
                    csv.row(Arrays.asList(request.reference(), request.type(), request.receivedOn(), request.status(),
                            request.note(), request.extensionReason(), request.rejectionReason()));
                }
            }
        });
        bundle.count("dataRequests", naming.size());
        bundle.included(Text.of("requests.export.included.data-requests"));
    }

    @Override
    @PreAuthorize(DataRequestsService.MANAGE)
    @Transactional(propagation = Propagation.MANDATORY)
    public Erased erase(DataSubject subject) {
        List<Named> closed = naming(subject).stream()
                .filter(request -> request.status().equals("COMPLETED") || request.status().equals("REJECTED"))
                .toList();
        long freeText = 0;
        for (Named request : closed) {
            // Notes and reasons often name the subject: a marker stands in their place.
            freeText += java.util.stream.Stream.of(request.note(), request.extensionReason(), request.rejectionReason())
                    .filter(text -> text != null && !text.isBlank()).count();
            jdbc.update("update data_request set subject = null, "
                    + "note = case when note is null then null else ? end, "
                    + "extension_reason = case when extension_reason is null then null else ? end, "
                    + "rejection_reason = case when rejection_reason is null then null else ? end where id = ?",
                    DataRequest.ERASED_TEXT, DataRequest.ERASED_TEXT, DataRequest.ERASED_TEXT, request.id());
        }
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("dataRequestsPseudonymised", (long) closed.size());
        counts.put("dataRequestNotesAndReasonsErased", freeText);
        return new Erased(CATEGORY, counts);
    }

    private record Named(long id, String reference, String type, String receivedOn, String status, String note,
            String extensionReason, String rejectionReason) {
    }

    private List<Named> naming(DataSubject subject) {
        Set<String> identifiers = new LinkedHashSet<>();
        switch (subject) {
            case DataSubject.Person person -> {
                person.emails().forEach(email -> identifiers.add(email.toLowerCase(java.util.Locale.ROOT)));
                person.objectIds().forEach(id -> identifiers.add(id.toString()));
            }
            case DataSubject.Devices devices -> identifiers.addAll(devices.deviceIds());
        }
        List<Named> naming = new ArrayList<>();
        if (identifiers.isEmpty()) {
            return naming;
        }
        String kind = subject instanceof DataSubject.Devices ? "DEVICES" : "PERSON";
        jdbc.query("select id, reference, request_type, received_on, status, subject, note, extension_reason, "
                + "rejection_reason from data_request "
                + "where subject is not null and subject_kind = ? order by id", rs -> {
                    Set<String> named = new LinkedHashSet<>(List.of(rs.getString(6).split(",\\s*")));
                    named.retainAll(identifiers);
                    if (!named.isEmpty()) {
                        naming.add(new Named(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(7), rs.getString(8), rs.getString(9)));
                    }
                }, kind);
        return naming;
    }
}
