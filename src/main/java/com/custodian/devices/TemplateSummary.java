package com.custodian.devices;

import java.util.List;
import java.util.UUID;

/** A device template and its fields, in order. */
public record TemplateSummary(UUID id, String name, List<FieldSpec> fields) {

    public java.util.Optional<FieldSpec> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }
}
