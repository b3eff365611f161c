package io.parley.gateway.fallback;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of the fallback transport: reads the event stream on a thread, POSTs frames like the chat does. */
final class EventStreamClient implements AutoCloseable {
    /** One event: its name ("message" when unnamed) and its data as JSON. */
    record Event(String name, JsonNode data) {
    }

    /** HTTP/1.1 like a browser's fetch here: Java's client would otherwise try an h2c upgrade on every request. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final String base;
    private final String token;
    private final String origin;
    final int status;
    String streamId;

    private EventStreamClient(String base, String token, String origin) throws Exception {
        this.base = base;
        this.token = token;
        this.origin = origin;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/widget/stream"))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        this.status = response.statusCode();
        this.body = response.body();
        if (status == 200) {
            Thread reader = new Thread(this::read, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens the stream; for 200, waits for its id. */
    static EventStreamClient open(String base, String token, String origin) throws Exception {
        EventStreamClient client = new EventStreamClient(base, token, origin);
        if (client.status == 200) {
            Event first = client.next();
            if (!"stream".equals(first.name())) {
                throw new IllegalStateException("the first event is not the stream's id: " + first);
            }
            client.streamId = first.data().path("streamId").asText();
        }
        return client;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null;) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, Json.read(data.toString(), JsonNode.class)));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (Exception e) {
            // the stream ended
        }
        events.add(new Event("end", null));
    }

    Event next() throws InterruptedException {
        Event event = events.poll(15, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 15 s");
        }
        return event;
    }

    /** The next server frame of this type, skipping others. */
    JsonNode next(String type) throws InterruptedException {
        for (;;) {
            Event event = next();
            if ("end".equals(event.name()) || "close".equals(event.name())) {
                throw new AssertionError("the stream ended before a " + type + " frame: " + event);
            }
            if (type.equals(event.data().path("type").asText())) {
                return event.data();
            }
        }
    }

    /** POSTs one frame (as text) to this stream, or to another stream id; returns the status. */
    int post(String frame) throws Exception {
        return post(streamId, token, frame, "application/json");
    }

    int post(String stream, String bearer, String frame, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/widget/stream/" + stream + "/frames"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(frame));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}
