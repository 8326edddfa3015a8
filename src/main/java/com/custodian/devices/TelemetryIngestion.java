package com.custodian.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The devices' side: telemetry in, authenticated by the device's key, checked against the device's
 * template, stored whole or not at all, and durable when the call returns (see {@link TelemetryWriter}). A message is a JSON object of field values with an optional
 * {@code timestamp} (ISO-8601; the time of arrival if absent); a request is one message or an array.
 */
@Service
public class TelemetryIngestion {

    /** The most messages one request may carry. */
    public static final int MAX_MESSAGES = 1000;
    /** The largest request body, in bytes. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    static final String TIMESTAMP = "timestamp";
    private static final int MAX_TEXT = 1024;
    /** Device clocks drift; a time this far ahead is a mistake, not a clock. */
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private final DeviceCredentials credentials;
    private final TelemetryWriter writer;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    TelemetryIngestion(DeviceCredentials credentials, TelemetryWriter writer, Clock clock) {
        this.credentials = credentials;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Stores the request's telemetry for the device.
     *
     * @return how many values were stored
     * @throws IngestionException 401 for an unknown device or a wrong key, 403 for a disabled device,
     *         400 naming what is malformed, 413 when the request is too large
     */
    public int ingest(String deviceId, String key, byte[] body) {
        DeviceCredentials.Credential device = credentials.of(deviceId == null ? "" : deviceId)
                .filter(found -> DeviceKeys.matches(key, found.keyHash()))
                .orElseThrow(() -> new IngestionException(401, "Unknown device or wrong device key"));
        if (!device.enabled()) {
            throw new IngestionException(403, "Device " + deviceId + " is disabled");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IngestionException(413, "A request may carry at most " + MAX_BODY_BYTES + " bytes");
        }
        TemplateSummary template = device.template();
        List<TelemetryPoint> points = parse(body, template);
        return writer.write(device.id(), new TelemetryReceived(device.id(), device.deviceId(), device.displayName(), template.id(),
                device.organizationId(), points));
    }

    private List<TelemetryPoint> parse(byte[] body, TemplateSummary template) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new IngestionException(400, "The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new IngestionException(400, "The body is empty");
        }
        List<JsonNode> messages = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(messages::add);
        } else {
            messages.add(root);
        }
        if (messages.isEmpty()) {
            throw new IngestionException(400, "The array holds no message");
        }
        if (messages.size() > MAX_MESSAGES) {
            throw new IngestionException(413, "A request may carry at most " + MAX_MESSAGES + " messages");
        }
        Instant now = clock.instant();
        List<TelemetryPoint> points = new ArrayList<>(messages.size() * template.fields().size());
        // A field may have one value a time. Messages of a batch nearly always have times of their
        // own, so the fields of messages sharing a time are gathered only when that happens.
        Map<Instant, JsonNode> firstAt = new HashMap<>();
        Map<Instant, Set<String>> fieldsAtSharedTime = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String where = messages.size() == 1 ? "" : "message " + (i + 1) + ": ";
            if (!message.isObject()) {
                throw new IngestionException(400, where + "a message must be a JSON object of field values");
            }
            Instant at = timestamp(message, where, now);
            JsonNode earlier = firstAt.putIfAbsent(at, message);
            Set<String> sameTime = earlier == null ? null
                    : fieldsAtSharedTime.computeIfAbsent(at, time -> fieldNames(earlier));
            int fields = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = message.properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equals(TIMESTAMP)) {
                    continue;
                }
                FieldSpec field = template.field(entry.getKey()).orElseThrow(() -> new IngestionException(400,
                        where + "unknown field \"" + printable(entry.getKey()) + "\"; the template "
                                + template.name() + " has " + template.fields().stream().map(FieldSpec::name).toList()));
                points.add(point(field, entry.getValue(), at, where));
                if (sameTime != null && !sameTime.add(field.name())) {
                    throw new IngestionException(400, where + "field \"" + field.name()
                            + "\" has a second value for the same time; give each message of a batch its own timestamp");
                }
                fields++;
            }
            if (fields == 0) {
                throw new IngestionException(400, where + "a message needs at least one field value");
            }
        }
        return points;
    }

    /** The field names of a message already checked. */
    private static Set<String> fieldNames(JsonNode message) {
        Set<String> names = new HashSet<>();
        message.propertyNames().forEach(name -> {
            if (!name.equals(TIMESTAMP)) {
                names.add(name);
            }
        });
        return names;
    }

    private Instant timestamp(JsonNode message, String where, Instant now) {
        JsonNode value = message.get(TIMESTAMP);
        if (value == null || value.isNull()) {
            return now;
        }
        if (!value.isString()) {
            throw new IngestionException(400, where + "timestamp must be an ISO-8601 string such as 2026-11-29T10:15:30Z");
        }
        Instant at = UtcTimes.parse(value.asString());
        try {
            if (at == null) {
                at = Instant.parse(value.asString());
            }
        } catch (DateTimeParseException e) {
            throw new IngestionException(400, where + "timestamp \"" + printable(value.asString())
                    + "\" is not ISO-8601 (for example 2026-11-29T10:15:30Z)");
        }
        if (at.isAfter(now.plus(MAX_FUTURE))) {
            throw new IngestionException(400, where + "timestamp " + at + " lies in the future");
        }
        return at;
    }

    private static TelemetryPoint point(FieldSpec field, JsonNode value, Instant at, String where) {
        return switch (field.type()) {
            case NUMBER -> {
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    throw wrongType(field, "a number", where);
                }
                yield new TelemetryPoint(field.name(), at, value.asDouble(), null);
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw wrongType(field, "true or false", where);
                }
                yield new TelemetryPoint(field.name(), at, value.asBoolean() ? 1.0 : 0.0, null);
            }
            case TEXT -> {
                if (!value.isString()) {
                    throw wrongType(field, "a string", where);
                }
                if (value.asString().length() > MAX_TEXT) {
                    throw new IngestionException(400, where + "field \"" + field.name() + "\" holds more than "
                            + MAX_TEXT + " characters");
                }
                yield new TelemetryPoint(field.name(), at, null, value.asString());
            }
        };
    }

    private static IngestionException wrongType(FieldSpec field, String expected, String where) {
        return new IngestionException(400, where + "field \"" + field.name() + "\" must be " + expected);
    }

    /** A name from the request, made safe to echo back and to log. */
    private static String printable(String text) {
        String clipped = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return clipped.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
