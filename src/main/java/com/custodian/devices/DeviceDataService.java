package com.custodian.devices;

import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.export.CsvStream;
import com.custodian.base.i18n.Languages;
import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;
import com.custodian.base.personaldata.ExportBundle;
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

    /**
     * Points read per statement in an export. Each streams, so this bounds a statement, not memory:
     * one statement reads a million points 10-15 % faster than ten of 100,000, and an export abandoned
     * midway drains at most this many (about half a second).
     */
    static final int SCAN_CHUNK = 1_000_000;

    private final DeviceRepository devices;
    private final TelemetryStore telemetry;
    private final Clock clock;
    private final DeviceCredentials credentials;
    private final JsonMapper json = JsonMapper.builder().build();

    private final com.custodian.audit.AuditTrail audit;
    private final Translations translations;
    private final DeviceReach reach;

    DeviceDataService(DeviceRepository devices, TelemetryStore telemetry, Clock clock, DeviceCredentials credentials,
            com.custodian.audit.AuditTrail audit, Translations translations, DeviceReach reach) {
        this.reach = reach;
        this.audit = audit;
        this.translations = translations;
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
        return export(ids, out, Languages.ENGLISH);
    }

    /** {@link #export(Collection, OutputStream)}, its descriptions in the language of the person who asked. */
    @PreAuthorize("hasRole('" + Permission.Names.EXPORT_DEVICE_DATA + "')")
    public long export(Collection<Long> ids, OutputStream out, Locale language) {
        Set<Long> reached = ids.isEmpty() ? Set.of() : reach.filter(ids, Permission.EXPORT_DEVICE_DATA);
        List<Device> found = reached.isEmpty() ? List.of() : devices.findWithTemplates(reached);
        if (found.isEmpty()) {
            // Nothing selected, or all of it deleted meanwhile: an empty bundle would only mislead.
            throw new DevicesException(DevicesProblem.NOTHING_TO_EXPORT);
        }
        ExportBundle bundle = new ExportBundle(out, clock.instant(), translations, language);
        bundle.property("subject", "devices");
        bundle.property("deviceIds", found.stream().map(Device::getDeviceId).toList());
        long points = writeInto(found, bundle);
        bundle.finish();
        audit.doneForEachSaying("device-data.exported", found.stream().map(Device::getDeviceId).toList(),
                inAll(found.size(), points));
        return points;
    }

    /**
     * Writes {@code devices.json} (records and templates) and {@code telemetry.csv} (every value)
     * into the bundle, with its counts and what is included and excluded. Telemetry streams in
     * chunks, so memory stays flat however many points there are.
     *
     * @return the number of telemetry points written
     */
    long writeInto(List<Device> found, ExportBundle bundle) {
        Map<Long, Long> counts = telemetry.countByDevice(found.stream().map(Device::getId).toList());
        long[] points = new long[1];
        bundle.file("devices.json", stream -> writeDevices(found, counts, stream));
        bundle.file("telemetry.csv", stream -> points[0] = writeTelemetry(found, stream));
        bundle.count("devices", found.size()).count("telemetryPoints", points[0]);
        bundle.included(Text.of("requests.export.included.devices"));
        bundle.included(Text.of("requests.export.included.telemetry"));
        bundle.excluded(SYSTEM_LOGS_EXCLUDED);
        bundle.excluded(Text.of("requests.export.excluded.device-key"));
        bundle.excluded(NO_DEVICE_OWNERS);
        return points[0];
    }

    static final Text SYSTEM_LOGS_EXCLUDED = Text.of("requests.export.excluded.system-logs");
    static final Text NO_DEVICE_OWNERS = Text.of("requests.export.excluded.device-owners");

    /**
     * Erases the devices: their records, keys and all telemetry, in one transaction of a few
     * statements whatever the number of points.
     */
    @PreAuthorize("hasRole('" + Permission.Names.ERASE_DEVICE_DATA + "')")
    @Transactional
    public DeviceErasure erase(Collection<Long> ids) {
        if (new LinkedHashSet<>(ids).size() > DevicesService.MAX_AT_ONCE) {
            throw new DevicesException(DevicesProblem.TOO_MANY_AT_ONCE, DevicesService.MAX_AT_ONCE);
        }
        // Devices of organizations the caller's permission does not reach are not there for them.
        return eraseNow(ids.isEmpty() ? Set.of() : reach.filter(ids, Permission.ERASE_DEVICE_DATA));
    }

    /** Erases the devices inside the caller's transaction; the caller has checked permission. */
    DeviceErasure eraseNow(Set<Long> unique) {
        // Locks first, as telemetry writes do: a write in flight finishes before, or is refused after.
        List<String> deviceIds = List.copyOf(telemetry.lockDevices(unique).values());
        if (deviceIds.isEmpty()) {
            return new DeviceErasure(List.of(), 0, 0, clock.instant());
        }
        long points = telemetry.deleteFor(unique);
        long erased = devices.deleteByIds(unique);
        deviceIds.forEach(credentials::forget);
        audit.doneForEachSaying("device-data.erased", deviceIds, inAll((int) erased, points));
        return new DeviceErasure(deviceIds, erased, points, clock.instant());
    }

    /** An entry's detail: each device's entry tells what the whole operation covered. */
    private static com.custodian.base.i18n.Text inAll(int devices, long points) {
        return com.custodian.base.i18n.Text.of("audit.detail.device-data", devices, points);
    }

    private void writeDevices(List<Device> found, Map<Long, Long> counts, OutputStream out) {
        try (JsonGenerator generator = json.createGenerator(out)) {
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

    private long writeTelemetry(List<Device> found, OutputStream out) {
        long points = 0;
        try (CsvStream csv = new CsvStream(out, List.of("deviceId", "field", "timestamp", "value"))) {
            for (Device device : found) {
                byte[] deviceId = CsvStream.escaped(device.getDeviceId());
                PointsWriter writer = new PointsWriter(csv, deviceId);
                telemetry.scanText(device.getId(), SCAN_CHUNK, writer);
                points += writer.points;
            }
        }
        return points;
    }

    /** Writes a device's points as CSV rows, each field's name escaped once. */
    private static final class PointsWriter implements TelemetryStore.StoredText {
        private final CsvStream csv;
        private final byte[] deviceId;
        private String field;
        private byte[] fieldCell;
        private long points;

        PointsWriter(CsvStream csv, byte[] deviceId) {
            this.csv = csv;
            this.deviceId = deviceId;
        }

        @Override
        public void accept(String field, String utcTime, String number, String text) {
            if (!field.equals(this.field)) {
                this.field = field;
                fieldCell = CsvStream.escaped(field);
            }
            csv.cell(deviceId);
            csv.cell(fieldCell);
            csv.cell(isoInstant(utcTime));
            csv.cell(number != null ? number : text);
            csv.endRow();
            points++;
        }
    }

    /**
     * The database's UTC time ({@code 2026-11-15 20:31:47.120000}) as an ISO-8601 instant, written
     * as {@link java.time.Instant#toString()} writes it ({@code 2026-11-15T20:31:47.120Z}): the
     * fraction in groups of three digits, none when it is zero.
     */
    static String isoInstant(String utcTime) {
        int dot = utcTime.indexOf('.');
        int end = utcTime.length();
        if (dot >= 0) {
            int lastDigit = end;
            while (lastDigit > dot + 1 && utcTime.charAt(lastDigit - 1) == '0') {
                lastDigit--;
            }
            int digits = lastDigit - dot - 1;
            end = digits == 0 ? dot : dot + 1 + (digits <= 3 ? 3 : digits <= 6 ? 6 : 9);
        }
        StringBuilder iso = new StringBuilder(end + 1).append(utcTime, 0, Math.min(end, utcTime.length()));
        while (iso.length() < end) {
            iso.append('0');
        }
        iso.setCharAt(10, 'T');
        return iso.append('Z').toString();
    }
}
