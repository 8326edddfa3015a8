package com.custodian.users;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface RoleRepository extends JpaRepository<Role, UUID> {
}
