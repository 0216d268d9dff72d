package jp.soudan.iriguchi.referral;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A chat bridge's incoming webhook on a local port: records every POST, can fail the next ones. */
public final class TestWebhook {

    private final HttpServer server;
    private final List<String> bodies = new ArrayList<>();
    private int failNext;
    private int attempts;

    private TestWebhook(HttpServer server) {
        this.server = server;
    }

    public static TestWebhook start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestWebhook webhook = new TestWebhook(server);
            server.createContext("/hook", webhook::handle);
            server.start();
            return webhook;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public synchronized void failNext(int times) {
        failNext = times;
    }

    public synchronized void clear() {
        bodies.clear();
        failNext = 0;
        attempts = 0;
    }

    public synchronized int attempts() {
        return attempts;
    }

    /** Waits for {@code count} calls whose body contains {@code text}, and returns those. */
    public synchronized List<String> awaitContaining(String text, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bodies.stream().filter(b -> b.contains(text)).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " webhook calls with " + text + " within " + timeout + ", got " + bodies);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return bodies.stream().filter(b -> b.contains(text)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            synchronized (this) {
                attempts++;
                if (failNext > 0) {
                    failNext--;
                    status = 503;
                } else {
                    bodies.add(body);
                    status = 200;
                }
                notifyAll();
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }
}
