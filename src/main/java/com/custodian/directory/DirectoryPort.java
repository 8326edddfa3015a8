package com.custodian.directory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An identity directory: Microsoft Entra ID in production, a local list of demo people in the
 * default run. Adapters implement it; the rest of the application calls {@link DirectoryService}.
 * Every method is one request to the directory, whatever the number of IDs.
 */
public interface DirectoryPort {

    /** The tenant whose objects this directory holds. */
    UUID tenantId();

    /**
     * The entries for those of the IDs the directory knows; IDs it does not know are absent from
     * the map.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds);

    /**
     * As {@link #findByIds(Collection)}, with the member count of those of the IDs that are groups
     * in {@code countMembersOf}, still in one request to the directory where its limits allow.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    Map<UUID, DirectoryEntry> findByIds(Collection<UUID> objectIds, Collection<UUID> countMembersOf);

    /**
     * People whose mail address or user principal name is the given address (case-insensitive).
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    List<DirectoryEntry> findPeopleByEmail(String email);

    /**
     * People, service principals and groups whose name (or, for people, mail address or user
     * principal name) starts with the text (case-insensitive), at most {@code max} of them.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    List<DirectoryEntry> search(String text, int max);

    /**
     * Groups whose name starts with the text (case-insensitive), at most {@code max} of them.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    List<DirectoryEntry> findGroups(String namePrefix, int max);

    /**
     * Which of the groups the object (a person or a service principal) is a member of, directly or
     * through other groups; one request however many groups.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked
     */
    java.util.Set<UUID> memberOf(UUID person, Collection<UUID> groups);

    /**
     * For each object, which of its groups it is a member of (directly or through other groups), as
     * few requests as the directory allows; objects the directory could not answer about are absent.
     *
     * @throws DirectoryUnavailableException when the directory cannot be asked at all
     */
    Map<UUID, java.util.Set<UUID>> memberships(Map<UUID, ? extends Collection<UUID>> groupsByObject);
}
