package com.custodian.devices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "device_template")
class DeviceTemplate {

    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 36)
    private UUID id;

    @Column(nullable = false, length = 100)
    private String name;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "template_field", joinColumns = @JoinColumn(name = "template_id"))
    // The fields of every template a page of devices names, in one statement (not one per template).
    @org.hibernate.annotations.BatchSize(size = 100)
    private List<TemplateField> fields = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private Long version;

    protected DeviceTemplate() {
    }

    DeviceTemplate(UUID id, String name, List<FieldSpec> fieldSpecs, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
        for (int i = 0; i < fieldSpecs.size(); i++) {
            FieldSpec spec = fieldSpecs.get(i);
            fields.add(new TemplateField(spec.name(), spec.type(), spec.unit(), i));
        }
    }

    UUID getId() {
        return id;
    }

    String getName() {
        return name;
    }

    TemplateSummary toSummary() {
        return new TemplateSummary(id, name, fields.stream().sorted(Comparator.comparingInt(TemplateField::getPosition))
                .map(TemplateField::toSpec).toList());
    }
}
