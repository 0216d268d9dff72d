package jp.soudan.iriguchi.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One scrape of {@code /actuator/prometheus} over HTTP, as Prometheus reads it (text format).
 *
 * <pre>{@code
 * Prometheus before = Prometheus.scrape(port);
 * ... post a webhook ...
 * assertThat(Prometheus.scrape(port).value("iriguchi_line_webhook_events_total", "type", "message"))
 *         .isEqualTo(before.value("iriguchi_line_webhook_events_total", "type", "message") + 1);
 * }</pre>
 */
public final class Prometheus {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> lines;

    private Prometheus(String text) {
        this.lines = text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }

    /** Scrapes the bot on {@code localhost:port}; fails unless the answer is 200. */
    public static Prometheus scrape(int port) {
        HttpResponse<String> response = get(port, "/actuator/prometheus");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /actuator/prometheus answered " + response.statusCode() + ": " + response.body());
        }
        return new Prometheus(response.body());
    }

    /** A GET of the bot on {@code localhost:port}, e.g. a health group. */
    public static HttpResponse<String> get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value of the one series called {@code name} that has all the given labels (pairs of name
     * and value; it may have more). Fails if there is none, or several.
     */
    public double value(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in pairs of name and value: " + Arrays.toString(labels));
        }
        List<String> series = lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> hasLabels(line, labels))
                .toList();
        if (series.size() != 1) {
            throw new AssertionError("expected one series " + name + " with " + Arrays.toString(labels) + ", found " + series);
        }
        String line = series.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** As {@link #value}, but 0 when there is no such series yet (a meter made at its first use). */
    public double valueOrZero(String name, String... labels) {
        boolean present = lines.stream()
                .anyMatch(line -> (line.startsWith(name + "{") || line.startsWith(name + " ")) && hasLabels(line, labels));
        return present ? value(name, labels) : 0;
    }

    /** Every line (without comments) of the scrape, for a test that looks at all of them. */
    public List<String> lines() {
        return lines;
    }

    private static boolean hasLabels(String line, String[] labels) {
        int end = line.indexOf('}');
        String set = end < 0 ? "" : line.substring(0, end);
        for (int i = 0; i < labels.length; i += 2) {
            if (!set.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
