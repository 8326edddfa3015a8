package com.custodian.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.custodian.devices.NewDevice;

/**
 * Devices posting telemetry over real HTTP for benchmarks: each device its own client thread,
 * requests of messages with temperature, humidity and battery, numbered so no two collide.
 */
public final class TelemetryFleet {

    private final int port;
    private final int messagesPerRequest;

    public TelemetryFleet(int port, int messagesPerRequest) {
        this.port = port;
        this.messagesPerRequest = messagesPerRequest;
    }

    /** A device as it posts: its ID and key. */
    public record Sender(String deviceId, String key) {

        static Sender of(NewDevice device) {
            return new Sender(device.device().deviceId(), device.key());
        }
    }

    /** The devices post {@code requests} requests between them, timestamps from {@code start}; returns messages/s. */
    public double post(List<NewDevice> fleet, Instant start, int requests) throws Exception {
        return postAs(fleet.stream().map(Sender::of).toList(), start, requests);
    }

    /**
     * {@link #post}, each device with a {@link PlainHttpDevice}: the clients cost the machine little
     * of what it measures. Returns messages/s.
     */
    public double postPlain(List<NewDevice> fleet, Instant start, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(fleet.size());
        byte[][] bodies = new byte[requests + 1][];
        for (int request = 1; request <= requests; request++) {
            bodies[request] = body(start, request).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        AtomicInteger next = new AtomicInteger(1);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (NewDevice device : fleet) {
            running.add(clients.submit(() -> {
                try (PlainHttpDevice http = new PlainHttpDevice(port, device.device().deviceId(), device.key())) {
                    for (int request = next.getAndIncrement(); request <= requests; request = next.getAndIncrement()) {
                        PlainHttpDevice.Answer answer = http.post(bodies[request]);
                        if (answer.status() != 202) {
                            throw new IllegalStateException(answer.status() + " " + answer.body());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return (double) requests * messagesPerRequest / ((System.nanoTime() - started) / 1e9);
    }

    /** {@link #post} for devices known by ID and key. */
    public double postAs(List<Sender> fleet, Instant start, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(fleet.size())).build();
        ExecutorService clients = Executors.newFixedThreadPool(fleet.size());
        // Devices write their JSON on their own hardware: written before the clock starts, not on the
        // server's cores while it is measured.
        String[] bodies = new String[requests + 1];
        for (int request = 1; request <= requests; request++) {
            bodies[request] = body(start, request);
        }
        AtomicInteger next = new AtomicInteger(1);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (Sender device : fleet) {
            running.add(clients.submit(() -> {
                for (int request = next.getAndIncrement(); request <= requests; request = next.getAndIncrement()) {
                    send(http, device, bodies[request]);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return (double) requests * messagesPerRequest / ((System.nanoTime() - started) / 1e9);
    }

    /** One request of the device, numbered: its messages are 10 ms apart from start + number seconds. */
    public void send(HttpClient http, NewDevice device, Instant start, int request) throws Exception {
        send(http, Sender.of(device), start, request);
    }

    private void send(HttpClient http, Sender device, Instant start, int request) throws Exception {
        send(http, device, body(start, request));
    }

    private String body(Instant start, int request) {
        StringBuilder body = new StringBuilder("[");
        for (int m = 0; m < messagesPerRequest; m++) {
            Instant at = start.plusMillis(request * 1000L + m * 10L);
            body.append(m == 0 ? "" : ",").append("{\"timestamp\":\"").append(at).append("\",\"temperature\":")
                    .append(18 + m % 5).append(",\"humidity\":").append(38 + m % 7).append(",\"battery\":")
                    .append(90 - m % 3).append('}');
        }
        return body.append(']').toString();
    }

    private void send(HttpClient http, Sender device, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/devices/" + device.deviceId() + "/telemetry"))
                .header("Authorization", "DeviceKey " + device.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }
}
