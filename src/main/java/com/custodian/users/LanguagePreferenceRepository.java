package com.custodian.users;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface LanguagePreferenceRepository extends JpaRepository<LanguagePreference, LanguagePreference.Key> {

    List<LanguagePreference> findByObjectIdIn(Collection<UUID> objectIds);

    @Modifying
    @Query("delete from LanguagePreference p where p.objectId in :objectIds")
    int deleteByObjectIds(Collection<UUID> objectIds);
}
