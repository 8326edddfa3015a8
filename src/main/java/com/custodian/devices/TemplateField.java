package com.custodian.devices;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One telemetry field of a device template. */
@Embeddable
class TemplateField {

    @Column(name = "name", nullable = false, length = 64)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "field_type", nullable = false, length = 16)
    private FieldType type;

    @Column(name = "unit", length = 32)
    private String unit;

    @Column(name = "position", nullable = false)
    private int position;

    protected TemplateField() {
    }

    TemplateField(String name, FieldType type, String unit, int position) {
        this.name = name;
        this.type = type;
        this.unit = unit;
        this.position = position;
    }

    FieldSpec toSpec() {
        return new FieldSpec(name, type, unit);
    }

    String getName() {
        return name;
    }

    FieldType getType() {
        return type;
    }

    int getPosition() {
        return position;
    }
}
