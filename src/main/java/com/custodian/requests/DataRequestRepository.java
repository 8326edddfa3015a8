package com.custodian.requests;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DataRequestRepository extends JpaRepository<DataRequest, Long> {

    boolean existsByReferenceIgnoreCase(String reference);

    @Query("select count(r) from DataRequest r where r.status in (com.custodian.requests.RequestStatus.OPEN, "
            + "com.custodian.requests.RequestStatus.IN_PROGRESS)")
    long countOpen();

    /** Of these requests, those whose prepared export may still be downloaded. */
    @Query("select r.id from DataRequest r where r.id in :ids and r.subject is not null "
            + "and r.status <> com.custodian.requests.RequestStatus.REJECTED "
            + "and not (r.type = com.custodian.requests.RequestType.ERASURE and r.receipt is not null)")
    java.util.List<Long> stillExportable(java.util.Collection<Long> ids);
}
