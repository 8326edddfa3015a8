package com.custodian.organizations;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.custodian.base.personaldata.NonPersonalData;

/** The organizations feature keeps no personal data: names of organizations and their places in the tree. */
@Component
class OrganizationsData implements NonPersonalData {

    @Override
    public Map<String, String> nonPersonalTables() {
        return Map.of("organization", "The organization tree: names and descriptions administrators gave, "
                + "parents and paths; nothing about people");
    }
}
