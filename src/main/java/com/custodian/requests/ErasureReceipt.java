package com.custodian.requests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an erasure's receipt says, read back from the JSON the request keeps as its proof: per
 * category, how many records of each kind were erased (in the order erased), and the sentences on
 * what stayed.
 */
public record ErasureReceipt(Map<String, Map<String, Long>> erased, List<String> notErased) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The kinds of record in the order a person reads them (the JSON keeps them sorted by name); others after. */
    static final List<String> KINDS = List.of("users", "roleAssignments", "signInsThroughGroups",
            "addedByReferences", "alertRulesAddressRemovedFrom", "alertRuleAddressesRemoved", "alertEmails",
            "alertEmailFilesDeleted", "alertFirings", "alertRuleTargets", "devices", "telemetryPoints",
            "dataRequestsPseudonymised", "dataRequestNotesAndReasonsErased", "languagePreferences",
            "auditEntriesPseudonymised");

    /** The receipt of {@code json} as stored by {@link DataRequestsService#erase}. */
    public static ErasureReceipt of(String json) {
        JsonNode receipt = JSON.readTree(json);
        Map<String, Map<String, Long>> erased = new LinkedHashMap<>();
        receipt.path("erased").properties().forEach(category -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            category.getValue().properties().stream().sorted(java.util.Comparator.comparingInt(count -> order(count.getKey())))
                    .forEach(count -> counts.put(count.getKey(), count.getValue().asLong()));
            erased.put(category.getKey(), counts);
        });
        List<String> notErased = new ArrayList<>();
        receipt.path("notErased").forEach(line -> notErased.add(line.asString()));
        return new ErasureReceipt(erased, notErased);
    }

    private static int order(String kind) {
        int known = KINDS.indexOf(kind);
        return known < 0 ? KINDS.size() : known;
    }
}
