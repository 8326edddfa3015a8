package com.custodian.requests;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.i18n.Languages;
import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;
import com.custodian.base.personaldata.Erased;
import com.custodian.base.personaldata.ExportBundle;
import com.custodian.base.personaldata.Holding;
import com.custodian.base.personaldata.PersonalData;
import com.custodian.security.CurrentUser;
import com.custodian.security.Permission;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer data requests: the register, and discovery, export and erasure across every feature's
 * part of the personal-data contract. An erasure is one transaction across all features; its
 * receipt keeps counts and no personal data, and the register then keeps only a salted hash of
 * the subject.
 */
@Service
public class DataRequestsService {

    static final String MANAGE = "hasRole('" + Permission.Names.MANAGE_DATA_REQUESTS + "')";
    public static final int MAX_PAGE_SIZE = 200;
    static final int MAX_EXTENSION_MONTHS = 2;
    static final Text SYSTEM_LOGS = Text.of("requests.export.excluded.system-logs");
    static final Text ELSEWHERE = Text.of("requests.export.excluded.elsewhere");
    static final Text GROUP_MEMBERSHIP = Text.of("requests.export.excluded.group-membership");

    private final DataRequestRepository requests;
    private final List<PersonalData> features;
    private final SubjectResolver resolver;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final jakarta.persistence.EntityManager entityManager;
    private final com.custodian.audit.AuditTrail audit;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.transaction.support.TransactionTemplate transaction;
    private final Translations translations;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    DataRequestsService(DataRequestRepository requests, List<PersonalData> features, SubjectResolver resolver,
            CurrentUser currentUser, Clock clock, org.springframework.transaction.PlatformTransactionManager transactions,
            jakarta.persistence.EntityManager entityManager, org.springframework.context.ApplicationEventPublisher events,
            com.custodian.audit.AuditTrail audit, Translations translations) {
        this.audit = audit;
        this.translations = translations;
        this.entityManager = entityManager;
        this.events = events;
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.requests = requests;
        this.features = features;
        this.resolver = resolver;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Opens a request; due one month after it was received.
     *
     * @throws DataRequestException naming the field at fault; nothing is stored
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public RequestRow open(NewRequest request) {
        if (request.type() == null) {
            throw new DataRequestException(DataRequestProblem.TYPE_MISSING);
        }
        SubjectResolver.Parsed subject = SubjectResolver.parse(request.subject());
        LocalDate today = today();
        if (request.receivedOn() == null) {
            throw new DataRequestException(DataRequestProblem.RECEIVED_ON_MISSING);
        }
        if (request.receivedOn().isAfter(today)) {
            throw new DataRequestException(DataRequestProblem.RECEIVED_ON_IN_FUTURE);
        }
        if (request.receivedOn().isBefore(today.minusYears(1))) {
            throw new DataRequestException(DataRequestProblem.RECEIVED_ON_TOO_OLD);
        }
        String reference = request.reference() == null ? "" : request.reference().strip();
        if (reference.isEmpty()) {
            reference = "DR-" + today.getYear() + "-" + HexFormat.of().formatHex(bytes(3)).toUpperCase();
        } else if (reference.length() > 64 || !reference.matches("[\\p{L}\\p{N} ._:/#-]+")) {
            throw new DataRequestException(DataRequestProblem.REFERENCE_INVALID);
        }
        if (requests.existsByReferenceIgnoreCase(reference)) {
            throw new DataRequestException(DataRequestProblem.REFERENCE_TAKEN, reference);
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note != null && note.length() > 2000) {
            throw new DataRequestException(DataRequestProblem.NOTE_TOO_LONG, 2000);
        }
        String salt = HexFormat.of().formatHex(bytes(16));
        DataRequest opened;
        try {
            opened = requests.saveAndFlush(new DataRequest(reference, request.type(), subject.kind(), subject.text(),
                    salt, hash(salt, subject.text()), request.receivedOn(), note, currentUser.require().objectId(),
                    clock.instant()));
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // Opened with the same reference a moment ago.
            throw new DataRequestException(DataRequestProblem.REFERENCE_TAKEN, reference);
        }
        audit.doneSaying("data-request.opened", reference,
                Text.of("requests.type." + request.type().name().toLowerCase(java.util.Locale.ROOT)));
        return opened.toRow(today);
    }

    /** A page of the register: open requests first, soonest due first, then the closed ones, newest first. */
    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public List<RequestRow> list(int offset, int limit) {
        if (limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds at most " + MAX_PAGE_SIZE + " requests");
        }
        LocalDate today = today();
        return entityManager.createQuery("select r from DataRequest r order by case when r.completedAt is null then 0 "
                + "else 1 end, r.dueOn, r.completedAt desc, r.id desc", DataRequest.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(request -> request.toRow(today)).toList();
    }

    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public long count() {
        return requests.count();
    }

    /** Open and in-progress requests, for the menu's badge. */
    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public long openCount() {
        return requests.countOpen();
    }

    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public RequestRow request(long id) {
        return find(id).toRow(today());
    }

    /** What every feature holds about the request's subject. */
    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public Discovery discover(long id) {
        DataRequest request = find(id);
        if (request.getSubject() == null) {
            return new Discovery(request.toRow(today()), List.of(), List.of(), notIncluded(), true, List.of());
        }
        SubjectResolver.Resolved subject = resolver.resolve(request.getSubjectKind(), request.getSubject());
        List<Holding> holdings = features.stream().map(feature -> feature.find(subject.subject())).toList();
        // Said before anyone tries: what this caller could not erase, and the permission it needs.
        List<Text> blockers = request.getType() == RequestType.ERASURE && !request.getStatus().closed()
                ? erasureBlockers(subject) : List.of();
        return new Discovery(request.toRow(today()), subject.identifiers(), holdings, notIncluded(),
                subject.directoryAnswered(), blockers);
    }

    /**
     * Writes the export bundle: every feature's files about the subject, and a manifest with the
     * request's reference, counts, exclusions and a SHA-256 of each file. Streams; marks the request
     * in progress. The manifest's descriptions are in English.
     */
    @PreAuthorize(MANAGE)
    public void export(long id, OutputStream out) {
        export(id, out, Languages.ENGLISH, (done, total, category) -> { });
    }

    /**
     * Hears how far an export is: {@code done} of {@code total} categories written, the one being
     * written next (its name, or the manifest).
     */
    @FunctionalInterface
    public interface ExportProgress {
        void advanced(int done, int total, Text next);
    }

    /**
     * {@link #export(long, OutputStream)}, telling the progress after each category; what the
     * manifest says is in the language of the person who asked.
     */
    @PreAuthorize(MANAGE)
    public void export(long id, OutputStream out, Locale language, ExportProgress progress) {
        DataRequest request = find(id);
        if (request.getSubject() == null) {
            throw new DataRequestException(DataRequestProblem.SUBJECT_ERASED);
        }
        if (request.getStatus() == RequestStatus.REJECTED) {
            throw new DataRequestException(DataRequestProblem.REJECTED);
        }
        SubjectResolver.Resolved subject = resolver.resolve(request.getSubjectKind(), request.getSubject());
        ExportBundle bundle = new ExportBundle(out, clock.instant(), translations, language);
        bundle.property("request", request.getReference());
        bundle.property("requestType", request.getType().name());
        bundle.property("subjectKind", request.getSubjectKind().name());
        bundle.property("subject", subject.identifiers().stream().map(bundle::text).toList());
        for (int i = 0; i < features.size(); i++) {
            progress.advanced(i, features.size(), Holding.categoryName(features.get(i).category()));
            features.get(i).export(subject.subject(), bundle);
        }
        progress.advanced(features.size(), features.size(), Text.of("requests.export.manifest"));
        notIncluded().forEach(bundle::excluded);
        bundle.finish();
        // No transaction is held while the bundle streams; the request is marked in its own.
        var by = currentUser.require().objectId();
        transaction.executeWithoutResult(status -> {
            find(id).handle(by);
            audit.done("data-request.exported", request.getReference(), null);
        });
    }

    /**
     * Erases everything every feature holds about the subject in one transaction, completes the
     * request with a receipt of counts, and forgets the subject's identifier (a salted hash stays).
     *
     * @throws DataRequestException when the request is not an open erasure request, or the directory
     *         cannot be asked (the person's user record could not be found); nothing changes
     * @throws RuntimeException a feature's refusal (for example the last administrator); nothing changes
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public RequestRow erase(long id, long expectedVersion) {
        return erase(id, expectedVersion, Languages.ENGLISH);
    }

    /**
     * {@link #erase(long, long)}, the receipt's sentences (what was not erased) in the language of
     * the person who erased; its counts are by category and kind of record, as stored.
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public RequestRow erase(long id, long expectedVersion, Locale language) {
        DataRequest request = find(id);
        if (!request.getVersion().equals(expectedVersion)) {
            throw new DataRequestException(DataRequestProblem.CHANGED_MEANWHILE);
        }
        if (request.getType() != RequestType.ERASURE) {
            throw new DataRequestException(DataRequestProblem.NOT_AN_ERASURE);
        }
        if (request.getStatus().closed()) {
            throw new DataRequestException(request.getStatus() == RequestStatus.REJECTED
                    ? DataRequestProblem.ALREADY_REJECTED : DataRequestProblem.ALREADY_COMPLETED);
        }
        SubjectResolver.Resolved subject = resolver.resolve(request.getSubjectKind(), request.getSubject());
        if (!subject.directoryAnswered()) {
            throw new DataRequestException(DataRequestProblem.DIRECTORY_UNAVAILABLE);
        }
        List<Text> blockers = erasureBlockers(subject);
        if (!blockers.isEmpty()) {
            // Before anything is erased: an erasure is whole or not at all.
            throw new DataRequestException(DataRequestProblem.ERASURE_NOT_ALLOWED, Text.joined("list.pair", blockers));
        }
        // Audit entries name the person by object ID: they take the request's pseudonym (before the
        // audit feature's own erasure would give them a generic one, and again after, for the
        // entries the erasure itself writes).
        String pseudonym = "subject of " + request.getReference();
        long[] pseudonymised = {0};
        Runnable pseudonymise = () -> {
            if (subject.subject() instanceof com.custodian.base.personaldata.DataSubject.Person person) {
                person.objectIds().forEach(objectId -> pseudonymised[0] += audit.pseudonymise(objectId, pseudonym));
            }
        };
        pseudonymise.run();
        Map<String, Map<String, Long>> erased = new LinkedHashMap<>();
        for (PersonalData feature : features) {
            Erased result = feature.erase(subject.subject());
            erased.put(result.category(), new LinkedHashMap<>(result.counts()));
        }
        pseudonymise.run();
        // The trail's own erasure finds what was renamed already: the receipt counts the renaming here too.
        erased.computeIfAbsent(com.custodian.audit.AuditTrail.CATEGORY, category -> new LinkedHashMap<>())
                .merge("auditEntriesPseudonymised", pseudonymised[0], Long::sum);
        // The features' bulk statements clear the persistence context: the request is read again.
        request = find(id);
        if (!request.getVersion().equals(expectedVersion)) {
            throw new DataRequestException(DataRequestProblem.CHANGED_MEANWHILE);
        }
        var by = currentUser.require().objectId();
        var at = clock.instant();
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("request", request.getReference());
        receipt.put("erasedAt", at.toString());
        receipt.put("erasedBy", by.toString());
        receipt.put("subjectKind", request.getSubjectKind().name());
        // This request's own note and reasons often name the subject: they go too, and the receipt says so.
        int ownFreeText = request.forgetSubject();
        erased.computeIfAbsent(RegisterPersonalData.CATEGORY, category -> new LinkedHashMap<>())
                .merge("dataRequestNotesAndReasonsErased", (long) ownFreeText, Long::sum);
        receipt.put("erased", erased);
        receipt.put("notErased", notIncluded().stream().map(line -> translations.text(language, line)).toList());
        request.complete(by, at, json.writeValueAsString(receipt));
        events.publishEvent(new RequestErased(id));
        // The categories where something went: the trail must not claim more than was erased.
        List<Text> touched = erased.entrySet().stream()
                .filter(category -> category.getValue().values().stream().anyMatch(count -> count > 0))
                .map(category -> Holding.categoryName(category.getKey())).toList();
        audit.doneSaying("data-request.erased", request.getReference(), touched.isEmpty()
                ? Text.of("audit.detail.nothing-erased") : Text.of("audit.detail.categories",
                        Text.joined("list.pair", touched)));
        try {
            requests.flush();
        } catch (OptimisticLockingFailureException e) {
            throw new DataRequestException(DataRequestProblem.CHANGED_MEANWHILE);
        }
        return request.toRow(today());
    }

    /**
     * Extends the due date by up to two months in all, with the reason the customer is told.
     *
     * @throws DataRequestException under "extension" or "reason"
     */
    @PreAuthorize(MANAGE)
    @Transactional
    public RequestRow extend(long id, int months, String reason) {
        DataRequest request = find(id);
        if (request.getStatus().closed()) {
            throw new DataRequestException(DataRequestProblem.CLOSED_NOT_EXTENDABLE);
        }
        if (months < 1 || request.getExtendedMonths() + months > MAX_EXTENSION_MONTHS) {
            throw new DataRequestException(DataRequestProblem.EXTENSION_TOO_LONG, MAX_EXTENSION_MONTHS,
                    request.getExtendedMonths());
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw new DataRequestException(DataRequestProblem.EXTENSION_REASON_INVALID, 500);
        }
        request.extend(months, why);
        request.handle(currentUser.require().objectId());
        audit.doneSaying("data-request.extended", request.getReference(), Text.of("audit.detail.extended", months));
        return request.toRow(today());
    }

    /** Closes a request without acting on it, for the reason given (for example, identity not confirmed). */
    @PreAuthorize(MANAGE)
    @Transactional
    public RequestRow reject(long id, String reason) {
        DataRequest request = find(id);
        if (request.getStatus().closed()) {
            throw new DataRequestException(DataRequestProblem.ALREADY_CLOSED);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw new DataRequestException(DataRequestProblem.REJECTION_REASON_INVALID, 1000);
        }
        request.reject(currentUser.require().objectId(), clock.instant(), why);
        audit.done("data-request.rejected", request.getReference(), null);
        return request.toRow(today());
    }

    /** Completes an access or export request once the bundle was handed over. */
    @PreAuthorize(MANAGE)
    @Transactional
    public RequestRow complete(long id) {
        DataRequest request = find(id);
        if (request.getType() == RequestType.ERASURE) {
            throw new DataRequestException(DataRequestProblem.ERASURE_COMPLETES_BY_ERASING);
        }
        if (request.getStatus().closed()) {
            throw new DataRequestException(DataRequestProblem.ALREADY_CLOSED);
        }
        request.complete(currentUser.require().objectId(), clock.instant(), null);
        audit.done("data-request.completed", request.getReference(), null);
        return request.toRow(today());
    }

    private List<Text> notIncluded() {
        return new ArrayList<>(List.of(SYSTEM_LOGS, GROUP_MEMBERSHIP, ELSEWHERE));
    }

    private DataRequest find(long id) {
        return requests.findById(id).orElseThrow(() -> new DataRequestException(DataRequestProblem.NOT_FOUND));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** SHA-256 of the salt and the normalised identifier: proves what a request was about, reveals nothing. */
    static String hash(String salt, String subject) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Text> erasureBlockers(SubjectResolver.Resolved subject) {
        return features.stream().flatMap(feature -> feature.erasureBlockers(subject.subject()).stream()).toList();
    }

    /**
     * Of these requests, those whose prepared exports must go: deleted or rejected since, or erased,
     * or their subject forgotten by an erasure (made on any instance). One statement.
     */
    @Transactional(readOnly = true)
    java.util.Set<Long> exportsToDiscard(java.util.Collection<Long> ids) {
        java.util.Set<Long> discard = new java.util.HashSet<>(ids);
        if (!ids.isEmpty()) {
            requests.stillExportable(ids).forEach(discard::remove);
        }
        return discard;
    }

    /** Whether the request no longer names its subject (an erasure forgot it). */
    @Transactional(readOnly = true)
    boolean subjectForgotten(long id) {
        return find(id).getSubject() == null;
    }
}
