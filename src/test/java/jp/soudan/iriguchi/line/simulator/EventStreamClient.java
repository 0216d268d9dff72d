package jp.soudan.iriguchi.line.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads a page's server-sent event stream the way a browser's {@code EventSource} does, so that
 * tests can wait for the next event instead of sleeping.
 */
final class EventStreamClient implements AutoCloseable {

    record Event(String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CompletableFuture<Void> reading;

    EventStreamClient(URI stream) {
        HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build();
        this.reading = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> read(response.body()));
    }

    /** The next event, failing the test if none arrives in time. */
    Event next() throws InterruptedException {
        Event event = events.poll(15, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no server-sent event within 15 seconds");
        }
        return event;
    }

    /** Skips events until one with this name arrives. */
    Event next(String name) throws InterruptedException {
        Event event = next();
        while (!event.name().equals(name)) {
            event = next();
        }
        return event;
    }

    /** An event that is already there or arrives within a short wait, or null. */
    Event poll(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read(Stream<String> lines) {
        String name = "message";
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name, data.toString()));
                }
                name = "message";
                data.setLength(0);
            }
            else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            }
            else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5));
            }
        }
    }

    @Override
    public void close() {
        reading.cancel(true);
        http.shutdownNow();
    }
}
