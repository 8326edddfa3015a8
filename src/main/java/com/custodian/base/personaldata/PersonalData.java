package com.custodian.base.personaldata;

import java.util.Set;

/**
 * A feature's part of the personal-data contract: it finds what it holds about a subject, writes
 * it into an export, and erases it. The customer data requests feature composes every bean of this
 * type; a feature that stores personal data implements it, and a test fails while any table is
 * neither covered here nor declared in {@link NonPersonalData}.
 *
 * <p>Callers hold the data-requests permission or the feature's own export/erase permission;
 * implementations check it, as every service does.
 */
public interface PersonalData {

    /** The category's name in bundles, receipts and the discovery page, e.g. "devices". */
    String category();

    /** The database tables whose personal data this implementation finds, exports and erases. */
    Set<String> tables();

    /** What the feature holds about the subject. Reads only. */
    Holding find(DataSubject subject);

    /**
     * Writes the feature's files about the subject into the bundle and states in it what they
     * include and exclude.
     */
    void export(DataSubject subject, ExportBundle bundle);

    /**
     * What of the subject the caller may not erase here, each with the permission they lack: an
     * erasure must not do more than the caller could do directly (delete a user whose roles they
     * could not grant, erase devices without the device-data permissions). Empty when nothing stops it.
     */
    default java.util.List<com.custodian.base.i18n.Text> erasureBlockers(DataSubject subject) {
        return java.util.List.of();
    }

    /**
     * Erases what the feature holds about the subject, inside the caller's transaction (it must
     * not commit on its own: an erasure across features succeeds or fails whole).
     *
     * @throws RuntimeException when the erasure must not happen (for example the last
     *         administrator); the caller's transaction then rolls back everything
     */
    Erased erase(DataSubject subject);
}
