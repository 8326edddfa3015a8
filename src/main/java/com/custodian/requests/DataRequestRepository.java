package com.custodian.requests;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DataRequestRepository extends JpaRepository<DataRequest, Long> {

    boolean existsByReferenceIgnoreCase(String reference);

    @Query("select count(r) from DataRequest r where r.status in (com.custodian.requests.RequestStatus.OPEN, "
            + "com.custodian.requests.RequestStatus.IN_PROGRESS)")
    long countOpen();
}
