package com.custodian.devices;

import java.util.List;
import java.util.UUID;

/** A device template and its fields, in order. */
public record TemplateSummary(UUID id, String name, List<FieldSpec> fields) {

    public java.util.Optional<FieldSpec> field(String name) {
        // A loop, not a stream: ingestion asks this for every value it receives.
        for (FieldSpec field : fields) {
            if (field.name().equals(name)) {
                return java.util.Optional.of(field);
            }
        }
        return java.util.Optional.empty();
    }
}
