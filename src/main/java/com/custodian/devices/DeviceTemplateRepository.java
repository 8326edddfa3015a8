package com.custodian.devices;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface DeviceTemplateRepository extends JpaRepository<DeviceTemplate, UUID> {

    boolean existsByNameIgnoreCase(String name);
}
