package com.custodian.devices;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface DeviceRepository extends JpaRepository<Device, Long> {

    @Query("select d from Device d join fetch d.template where d.deviceId = :deviceId")
    Optional<Device> findByDeviceId(String deviceId);

    boolean existsByDeviceId(String deviceId);

    @Query("select d from Device d join fetch d.template where d.enabled = true order by d.id")
    List<Device> findEnabledWithTemplates(org.springframework.data.domain.Pageable limit);

    @Query("select d from Device d join fetch d.template where d.deviceId in :deviceIds order by d.deviceId")
    List<Device> findWithTemplatesByDeviceIds(Collection<String> deviceIds);

    @Query("select d from Device d join fetch d.template where d.id in :ids")
    List<Device> findWithTemplates(Collection<Long> ids);

    /** A bulk update, so that telemetry does not bump the version an operator may be editing. */
    @Modifying
    @Query("update Device d set d.lastSeenAt = :at where d.id = :id")
    int recordSeen(Long id, java.time.Instant at);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Device d where d.id in :ids")
    int deleteByIds(Collection<Long> ids);

    /** The device IDs of those of the devices that are not in the organization yet. */
    @Query("select d.deviceId from Device d where d.id in :ids and d.organizationId <> :organizationId order by d.deviceId")
    List<String> findDeviceIdsOutside(java.util.Collection<Long> ids, java.util.UUID organizationId);

    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Device d set d.organizationId = :organizationId, d.version = d.version + 1 "
            + "where d.id in :ids and d.organizationId <> :organizationId")
    int moveTo(java.util.Collection<Long> ids, java.util.UUID organizationId);

    /** How many devices each organization holds. */
    @Query("select d.organizationId, count(d) from Device d group by d.organizationId")
    List<Object[]> countByOrganization();

    /** Each device's row ID with its organization. */
    @Query("select d.id, d.organizationId from Device d where d.id in :ids")
    List<Object[]> findOrganizations(Collection<Long> ids);
}
