package com.custodian.devices;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.export.ExportFormat;
import com.custodian.base.export.TableWriter;
import com.custodian.security.Permission;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Device data as personal data: everything stored about a device — its record, its template and
 * all its telemetry — exported as one streamed ZIP, or erased in one transaction. The app keeps no
 * link from a device to a person; the customer knows which device is whose.
 */
@Service
public class DeviceDataService {

    static final int SCAN_CHUNK = 5000;

    private final DeviceRepository devices;
    private final TelemetryStore telemetry;
    private final Clock clock;
    private final DeviceCredentials credentials;
    private final JsonMapper json = JsonMapper.builder().build();

    DeviceDataService(DeviceRepository devices, TelemetryStore telemetry, Clock clock, DeviceCredentials credentials) {
        this.credentials = credentials;
        this.devices = devices;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /**
     * Writes a ZIP: {@code devices.json} (records and templates), {@code telemetry.csv} (every value)
     * and {@code manifest.json} (what is included and excluded, counts, and a SHA-256 of each file).
     * Telemetry streams in chunks, so memory stays flat however many points there are.
     *
     * @return the number of telemetry points written
     */
    @PreAuthorize("hasRole('" + Permission.Names.EXPORT_DEVICE_DATA + "')")
    public long export(Collection<Long> ids, OutputStream out) {
        List<Device> found = devices.findWithTemplates(new LinkedHashSet<>(ids));
        Map<Long, Long> counts = telemetry.countByDevice(ids);
        Map<String, String> digests = new LinkedHashMap<>();
        long points = 0;
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            digests.put("devices.json", entry(zip, "devices.json", stream -> writeDevices(found, counts, stream)));
            long[] written = new long[1];
            digests.put("telemetry.csv", entry(zip, "telemetry.csv", stream -> written[0] = writeTelemetry(found, stream)));
            points = written[0];
            long total = points;
            entry(zip, "manifest.json", stream -> writeManifest(found, total, digests, stream));
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return points;
    }

    /**
     * Erases the devices: their records, keys and all telemetry, in one transaction of a few
     * statements whatever the number of points.
     */
    @PreAuthorize("hasRole('" + Permission.Names.ERASE_DEVICE_DATA + "')")
    @Transactional
    public DeviceErasure erase(Collection<Long> ids) {
        Set<Long> unique = new LinkedHashSet<>(ids);
        if (unique.size() > DevicesService.MAX_AT_ONCE) {
            throw new DevicesException(DevicesProblem.TOO_MANY_AT_ONCE, DevicesService.MAX_AT_ONCE);
        }
        // Locks first, as telemetry writes do: a write in flight finishes before, or is refused after.
        telemetry.lockDevices(unique);
        List<String> deviceIds = devices.findWithTemplates(unique).stream().map(Device::getDeviceId).toList();
        if (deviceIds.isEmpty()) {
            return new DeviceErasure(List.of(), 0, 0, clock.instant());
        }
        long points = telemetry.deleteFor(unique);
        long erased = devices.deleteByIds(unique);
        deviceIds.forEach(credentials::forget);
        return new DeviceErasure(deviceIds, erased, points, clock.instant());
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes one ZIP entry and returns the SHA-256 of its content. */
    private static String entry(ZipOutputStream zip, String name, Body body) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OutputStream entry = new DigestOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                zip.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }
        }, sha256);
        body.write(entry);
        entry.flush();
        zip.closeEntry();
        return HexFormat.of().formatHex(sha256.digest());
    }

    private void writeDevices(List<Device> found, Map<Long, Long> counts, OutputStream out) {
        try (JsonGenerator generator = json.createGenerator(new NonClosing(out))) {
            generator.writeStartArray();
            for (Device device : found) {
                TemplateSummary template = device.getTemplate().toSummary();
                generator.writeStartObject();
                generator.writeStringProperty("deviceId", device.getDeviceId());
                generator.writeStringProperty("displayName", device.getDisplayName());
                generator.writeBooleanProperty("enabled", device.isEnabled());
                generator.writeStringProperty("createdAt", device.getCreatedAt().toString());
                generator.writeStringProperty("lastSeenAt",
                        device.getLastSeenAt() == null ? null : device.getLastSeenAt().toString());
                generator.writeStringProperty("keyCreatedAt", device.getKeyCreatedAt().toString());
                generator.writeNumberProperty("telemetryPoints", counts.getOrDefault(device.getId(), 0L));
                generator.writeName("template");
                generator.writeStartObject();
                generator.writeStringProperty("name", template.name());
                generator.writeName("fields");
                generator.writeStartArray();
                for (FieldSpec field : template.fields()) {
                    generator.writeStartObject();
                    generator.writeStringProperty("name", field.name());
                    generator.writeStringProperty("type", field.type().name());
                    generator.writeStringProperty("unit", field.unit());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeEndObject();
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
    }

    private long writeTelemetry(List<Device> found, OutputStream out) throws IOException {
        long[] points = new long[1];
        try (TableWriter csv = TableWriter.open(ExportFormat.CSV, List.of("deviceId", "field", "timestamp", "value"),
                new NonClosing(out))) {
            for (Device device : found) {
                telemetry.scan(device.getId(), SCAN_CHUNK, point -> {
                    csv.row(Arrays.asList(device.getDeviceId(), point.field(), point.timestamp().toString(),
                            point.number() != null ? String.valueOf(point.number()) : point.text()));
                    points[0]++;
                });
            }
        }
        return points[0];
    }

    private void writeManifest(List<Device> found, long points, Map<String, String> digests, OutputStream out) {
        try (JsonGenerator generator = json.createGenerator(new NonClosing(out))) {
            generator.writeStartObject();
            generator.writeStringProperty("generatedAt", clock.instant().toString());
            generator.writeStringProperty("subject", "devices");
            generator.writeName("deviceIds");
            generator.writeStartArray();
            for (Device device : found) {
                generator.writeString(device.getDeviceId());
            }
            generator.writeEndArray();
            generator.writeNumberProperty("devices", found.size());
            generator.writeNumberProperty("telemetryPoints", points);
            generator.writeName("included");
            generator.writeStartArray();
            generator.writeString("devices.json: each device's record (ID, name, enabled, created, last seen, key "
                    + "created) and its template");
            generator.writeString("telemetry.csv: every telemetry value stored for the devices");
            generator.writeEndArray();
            generator.writeName("excluded");
            generator.writeStartArray();
            generator.writeString("System-generated logs: kept by the service operator for a fixed period; by design "
                    + "no role of the application can view or export them");
            generator.writeString("The device key: stored only as a hash of a secret, which identifies nobody");
            generator.writeString("Links from devices to people: the application keeps none; the customer knows "
                    + "which device is whose");
            generator.writeEndArray();
            generator.writeName("sha256");
            generator.writeStartObject();
            digests.forEach(generator::writeStringProperty);
            generator.writeEndObject();
            generator.writeEndObject();
        }
    }

    /** Lets a writer close its view of a ZIP entry without closing the ZIP. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

}
