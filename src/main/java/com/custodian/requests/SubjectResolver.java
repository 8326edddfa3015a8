package com.custodian.requests;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.custodian.base.i18n.Text;
import com.custodian.base.personaldata.DataSubject;
import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryLookup;
import com.custodian.directory.DirectoryService;
import com.custodian.directory.DirectoryUnavailableException;

/**
 * Turns the identifier a request was opened with into the subject every feature searches for: an
 * email address also finds the people the directory maps it to (their object IDs), an object ID
 * also finds its email address, device IDs are taken as they are.
 */
@Component
class SubjectResolver {

    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MAX_SUBJECT = 4000;
    static final int MAX_DEVICES = 100;
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");

    /** The subject and whether the directory answered (when it did not, people are found by what was given only). */
    record Resolved(DataSubject subject, List<Text> identifiers, boolean directoryAnswered) {
    }

    private final DirectoryService directory;

    SubjectResolver(DirectoryService directory) {
        this.directory = directory;
    }

    /**
     * Reads a subject as typed: its kind and its normalised text.
     *
     * @throws DataRequestException under "subject" when it is none of the three forms
     */
    static Parsed parse(String text) {
        String subject = text == null ? "" : text.strip();
        if (subject.isEmpty()) {
            throw new DataRequestException(DataRequestProblem.SUBJECT_MISSING);
        }
        if (subject.length() > MAX_SUBJECT) {
            throw new DataRequestException(DataRequestProblem.SUBJECT_TOO_LONG, MAX_SUBJECT);
        }
        if (subject.codePoints().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
            throw new DataRequestException(DataRequestProblem.SUBJECT_CONTROL_CHARACTER);
        }
        if (subject.contains("@")) {
            if (!EMAIL.matcher(subject).matches() || subject.length() > 254) {
                throw new DataRequestException(DataRequestProblem.SUBJECT_NOT_AN_EMAIL, printable(subject));
            }
            return new Parsed(SubjectKind.PERSON, subject.toLowerCase(Locale.ROOT));
        }
        try {
            UUID objectId = UUID.fromString(subject);
            if (objectId.toString().equalsIgnoreCase(subject)) {
                return new Parsed(SubjectKind.PERSON, objectId.toString());
            }
        } catch (IllegalArgumentException notAnObjectId) {
            // device IDs, then
        }
        Set<String> deviceIds = new LinkedHashSet<>();
        for (String deviceId : SEPARATORS.split(subject)) {
            if (!DEVICE_ID.matcher(deviceId).matches()) {
                throw new DataRequestException(DataRequestProblem.SUBJECT_UNRECOGNISED, printable(deviceId));
            }
            deviceIds.add(deviceId);
        }
        if (deviceIds.size() > MAX_DEVICES) {
            throw new DataRequestException(DataRequestProblem.TOO_MANY_DEVICES, MAX_DEVICES);
        }
        String joined = String.join(", ", deviceIds);
        if (joined.length() > MAX_SUBJECT) {
            throw new DataRequestException(DataRequestProblem.DEVICE_IDS_TOO_LONG, MAX_SUBJECT);
        }
        return new Parsed(SubjectKind.DEVICES, joined);
    }

    record Parsed(SubjectKind kind, String text) {
    }

    Resolved resolve(SubjectKind kind, String text) {
        if (kind == SubjectKind.DEVICES) {
            List<String> deviceIds = List.of(text.split(",\\s*"));
            return new Resolved(new DataSubject.Devices(Set.copyOf(deviceIds)),
                    deviceIds.stream().map(id -> Text.of("requests.identifier.device", id)).toList(), true);
        }
        Set<UUID> objectIds = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        boolean answered = true;
        if (text.contains("@")) {
            emails.add(text);
            try {
                // The person's other address too (mail and user principal name): rules may carry either.
                for (DirectoryEntry person : directory.findPeopleByEmail(text)) {
                    objectIds.add(person.objectId());
                    emails.addAll(person.addresses());
                }
            } catch (DirectoryUnavailableException e) {
                answered = false;
            }
        } else {
            UUID objectId = UUID.fromString(text);
            objectIds.add(objectId);
            DirectoryLookup lookup = directory.resolve(List.of(objectId));
            answered = lookup.directoryAnswered();
            lookup.entry(objectId).map(DirectoryEntry::addresses).ifPresent(emails::addAll);
        }
        List<Text> identifiers = new java.util.ArrayList<>();
        emails.forEach(email -> identifiers.add(Text.of("requests.identifier.email", email)));
        objectIds.forEach(id -> identifiers.add(Text.of("requests.identifier.object-id", id.toString())));
        return new Resolved(new DataSubject.Person(objectIds, emails), identifiers, answered);
    }

    private static String printable(String text) {
        String clipped = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return clipped.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
