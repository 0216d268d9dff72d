package jp.soudan.iriguchi.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fake of the LINE Messaging API on a local port, for tests of the bot's LINE channel.
 *
 * <p>It answers {@code POST /v2/bot/message/reply}, {@code /v2/bot/message/push} and
 * {@code /v2/bot/chat/loading/start} as LINE does (shapes from messaging-api.yml), anything
 * else with 404, and without {@code Authorization: Bearer …} with 401. It records every request,
 * checks each against LINE's OpenAPI document and {@link LineLimits} ({@link #violations()}),
 * and plays scripted {@link Fault}s per endpoint.
 *
 * <p>Like LINE, by default it refuses a second push with an already accepted
 * {@code X-Line-Retry-Key} (409) and a second reply with the same reply token (400); see
 * {@link #rejectRepeatedRetryKey(boolean)} and {@link #rejectReusedReplyToken(boolean)}.
 *
 * <pre>{@code
 * try (FakeLineApi fake = FakeLineApi.start()) {
 *     MessagingApiClient client = MessagingApiClient.builder("test-token")
 *             .apiEndPoint(URI.create(fake.baseUrl())).build();
 *     fake.failNext(Endpoint.PUSH, Fault.status(500));
 *     ... run the code under test ...
 *     assertThat(fake.awaitDeliveredPushes(1, Duration.ofSeconds(5)).get(0).texts()).containsExactly("…");
 *     fake.assertNoViolations();
 * }
 * }</pre>
 *
 * <p>It is also a JUnit extension: registered on a static field it is {@link #reset()} before
 * each test. It is deliberately NOT closed after the class: Spring caches application contexts
 * across test classes, and a cached context (or a subclass sharing the field) must still reach
 * it; the server ends with the test JVM. For a Spring Boot test:
 * <pre>{@code
 * @SpringBootTest
 * class LineChannelTests {
 *     static final String SECRET = "test-secret";
 *
 *     @RegisterExtension
 *     static final FakeLineApi fake = FakeLineApi.start();
 *
 *     @DynamicPropertySource
 *     static void line(DynamicPropertyRegistry registry) {
 *         registry.add("line.bot.api-end-point", fake::baseUrl);
 *         registry.add("line.bot.channel-token", () -> "test-token");
 *         registry.add("line.bot.channel-secret", () -> SECRET);
 *         registry.add("line.bot.read-timeout", () -> "500ms"); // SDK default 10s; Fault.timeout must exceed it
 *     }
 *
 *     @AfterEach
 *     void lineWouldAcceptEverything() {
 *         fake.assertNoViolations();
 *     }
 * }
 * }</pre>
 * The server starts in {@link #start()}, before Spring reads the properties, and keeps its port.
 */
public final class FakeLineApi implements AutoCloseable, BeforeEachCallback {

    private static final String JSON = "application/json";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong nextMessageId = new AtomicLong(500_000_000_000_000_000L);

    private final Object lock = new Object();
    // All below guarded by lock; waiters are woken on every change.
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<Endpoint, Queue<Fault>> faults = new EnumMap<>(Endpoint.class);
    private final List<Outage> outages = new ArrayList<>();
    private final Map<String, String> acceptedRetryKeys = new HashMap<>();
    private final Set<String> usedReplyTokens = new HashSet<>();
    private boolean rejectRepeatedRetryKey;
    private boolean rejectReusedReplyToken;
    private boolean rejectInvalidRequests;
    private Optional<String> requiredToken;

    private FakeLineApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        resetSettings();
    }

    /** Starts a fake on 127.0.0.1 at a free port. */
    public static FakeLineApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            FakeLineApi fake = new FakeLineApi(server, executor);
            server.createContext("/", fake::handle);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start FakeLineApi", e);
        }
    }

    /** E.g. {@code http://127.0.0.1:41234/}: the value for {@code line.bot.api-end-point}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    // ---- settings and scripting -------------------------------------------------------------

    /** Answer the next request to {@code endpoint} with {@code fault} (queued after earlier ones). */
    public FakeLineApi failNext(Endpoint endpoint, Fault fault) {
        return failNext(endpoint, 1, fault);
    }

    /** Answer the next {@code times} requests to {@code endpoint} with {@code fault}. */
    public FakeLineApi failNext(Endpoint endpoint, int times, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be ≥ 1, got " + times);
        }
        synchronized (lock) {
            Queue<Fault> queue = faults.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(fault);
            }
        }
        return this;
    }

    /**
     * Answer every request to {@code endpoints} received from {@code from} (inclusive) until
     * {@code until} (exclusive) with {@code fault}, however many there are: an outage of LINE
     * for a period, rather than for a number of calls. Faults queued with {@link #failNext} come
     * first; of overlapping periods, the one added first applies.
     */
    public FakeLineApi failBetween(Instant from, Instant until, Fault fault, Endpoint... endpoints) {
        Objects.requireNonNull(fault, "fault");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("an outage ends after it starts: " + from + " .. " + until);
        }
        if (endpoints.length == 0) {
            throw new IllegalArgumentException("name the endpoints the outage affects");
        }
        synchronized (lock) {
            outages.add(new Outage(from, until, fault, Set.of(endpoints)));
        }
        return this;
    }

    /**
     * As LINE (default true): a push whose retry key was already accepted gets 409
     * {@code {"message":"The retry key is already accepted"}} with header
     * {@code x-line-accepted-request-id}, and is not delivered again. With false, every push is
     * delivered, so a double send shows up in {@link #deliveredPushes()}.
     */
    public FakeLineApi rejectRepeatedRetryKey(boolean reject) {
        synchronized (lock) {
            rejectRepeatedRetryKey = reject;
        }
        return this;
    }

    /** As LINE (default true): a second reply with the same reply token gets 400 "Invalid reply token". */
    public FakeLineApi rejectReusedReplyToken(boolean reject) {
        synchronized (lock) {
            rejectReusedReplyToken = reject;
        }
        return this;
    }

    /**
     * As LINE (default false, so that a test sees the bot's whole flow and then all
     * violations at once): a request with a {@link #violations() violation} is answered 400
     * {@code {"message":"The request body has N error(s)","details":[…]}} and not delivered.
     */
    public FakeLineApi rejectInvalidRequests(boolean reject) {
        synchronized (lock) {
            rejectInvalidRequests = reject;
        }
        return this;
    }

    /** Answer 401 unless the bearer token is exactly this (default: any non-empty token). */
    public FakeLineApi requireToken(String channelToken) {
        synchronized (lock) {
            requiredToken = Optional.of(channelToken);
        }
        return this;
    }

    /** Forgets all requests, violations, faults, accepted retry keys and reply tokens; settings back to default. */
    public void reset() {
        synchronized (lock) {
            requests.clear();
            violations.clear();
            faults.clear();
            outages.clear();
            acceptedRetryKeys.clear();
            usedReplyTokens.clear();
            resetSettings();
            lock.notifyAll();
        }
    }

    private void resetSettings() {
        rejectRepeatedRetryKey = true;
        rejectReusedReplyToken = true;
        rejectInvalidRequests = false;
        requiredToken = Optional.empty();
    }

    // ---- what was received ------------------------------------------------------------------

    /** Every request received, in order of arrival. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** Every reply attempt, whatever it was answered. */
    public List<RecordedRequest> replies() {
        return to(Endpoint.REPLY, r -> true);
    }

    /** Every push attempt, whatever it was answered. */
    public List<RecordedRequest> pushes() {
        return to(Endpoint.PUSH, r -> true);
    }

    /** Every showLoadingAnimation call. */
    public List<RecordedRequest> loadingCalls() {
        return to(Endpoint.LOADING, r -> true);
    }

    /** Replies LINE accepted (2xx): what the resident saw. */
    public List<RecordedRequest> deliveredReplies() {
        return to(Endpoint.REPLY, RecordedRequest::accepted);
    }

    /**
     * Pushes LINE accepted (2xx): what the resident saw. A retry with an already accepted retry
     * key is answered 409 and not listed, so each retry key appears at most once (unless
     * {@link #rejectRepeatedRetryKey(boolean)} is off).
     */
    public List<RecordedRequest> deliveredPushes() {
        return to(Endpoint.PUSH, RecordedRequest::accepted);
    }

    public List<RecordedRequest> awaitReplies(int n, Duration timeout) {
        return await(n, timeout, "reply attempts", this::replies);
    }

    public List<RecordedRequest> awaitPushes(int n, Duration timeout) {
        return await(n, timeout, "push attempts", this::pushes);
    }

    public List<RecordedRequest> awaitDeliveredReplies(int n, Duration timeout) {
        return await(n, timeout, "delivered replies", this::deliveredReplies);
    }

    public List<RecordedRequest> awaitDeliveredPushes(int n, Duration timeout) {
        return await(n, timeout, "delivered pushes", this::deliveredPushes);
    }

    public List<RecordedRequest> awaitLoadingCalls(int n, Duration timeout) {
        return await(n, timeout, "loading calls", this::loadingCalls);
    }

    /**
     * Breaks of messaging-api.yml and of {@link LineLimits} by any request received, plus any
     * answer of the fake itself that breaks messaging-api.yml; each names method and path.
     */
    public List<String> violations() {
        synchronized (lock) {
            return List.copyOf(violations);
        }
    }

    /** Fails (AssertJ) listing every violation, if there is one. */
    public void assertNoViolations() {
        List<String> found = violations();
        assertThat(found)
                .withFailMessage(() -> "LINE would reject requests the bot sent:\n  " + String.join("\n  ", found))
                .isEmpty();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- internals --------------------------------------------------------------------------

    private List<RecordedRequest> to(Endpoint endpoint, Predicate<RecordedRequest> filter) {
        return requests().stream()
                .filter(r -> r.path().equals(endpoint.path()) && r.method().equals("POST"))
                .filter(filter)
                .toList();
    }

    private List<RecordedRequest> await(int n, Duration timeout, String what, java.util.function.Supplier<List<RecordedRequest>> list) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (list.get().size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " " + what + " within " + timeout + " but got "
                            + list.get().size() + "; all requests: " + requests);
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what, e);
                }
            }
            return list.get();
        }
    }

    /** @param selfCheck whether to check this answer against messaging-api.yml (not for scripted faults, 401, 404) */
    private record Answer(int status, String body, Map<String, String> headers, Duration delay, boolean selfCheck) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Optional<Endpoint> endpoint = Endpoint.of(method, path);

            List<String> found = new ArrayList<>(LineOpenApi.messagingRequestViolations(method, path, headers, body));
            endpoint.ifPresentOrElse(e -> {
                var json = new RecordedRequest(method, path, headers, body, receivedAt, 0).json();
                LineLimits.check(e, json).forEach(problem -> found.add(method + " " + path + ": [line.limits] " + problem));
            }, () -> found.add(method + " " + path + ": [fake.unsupported] not an endpoint the bot uses"
                    + " (reply, push, loading); e.g. the bot must never fetch LINE profiles"));
            if (!headers.getOrDefault("authorization", "").startsWith("Bearer ")) {
                found.add(method + " " + path + ": [fake.unauthorized] no 'Authorization: Bearer <channel token>' header");
            }

            Answer answer;
            synchronized (lock) {
                answer = decide(endpoint, headers, body, found);
                if (answer.selfCheck()) {
                    // Under the lock, so a test that saw the request also sees a fault of the fake.
                    found.addAll(LineOpenApi.messagingResponseViolations(method, path, answer.status(), JSON, answer.body()));
                }
                requests.add(new RecordedRequest(method, path, headers, body, receivedAt, answer.status()));
                violations.addAll(found);
                lock.notifyAll();
            }
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay());
                } catch (InterruptedException stopping) {
                    return;
                }
            }
            respond(exchange, answer);
        } catch (IOException clientGone) {
            // The client gave up (e.g. its read timeout during a slow answer); nothing to answer.
        } catch (RuntimeException bugInTheFake) {
            synchronized (lock) {
                violations.add("[fake.error] the fake itself failed: " + bugInTheFake);
                lock.notifyAll();
            }
            throw bugInTheFake;
        }
    }

    /** Called with lock held: the answer, and its effect on accepted retry keys / reply tokens. */
    private Answer decide(Optional<Endpoint> endpoint, Map<String, String> headers, String body, List<String> violations) {
        String authorization = headers.getOrDefault("authorization", "");
        boolean authorized = authorization.startsWith("Bearer ") && authorization.length() > "Bearer ".length()
                && requiredToken.map(t -> authorization.equals("Bearer " + t)).orElse(true);
        if (!authorized) {
            return error(401, Fault.status(401).body());
        }
        if (endpoint.isEmpty()) {
            return error(404, "{\"message\":\"Not found\"}");
        }
        Endpoint e = endpoint.get();
        Fault fault = Optional.ofNullable(faults.get(e)).map(Queue::poll).orElseGet(() -> outageFault(e, Instant.now()));
        if (fault != null && !fault.answersNormally()) {
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            fault.retryAfter().ifPresent(d -> answerHeaders.put("Retry-After", String.valueOf((d.toMillis() + 999) / 1000)));
            if (e == Endpoint.PUSH && fault.status() == 409) {
                answerHeaders.put("x-line-accepted-request-id", UUID.randomUUID().toString());
            }
            return new Answer(fault.status(), fault.body(), answerHeaders, fault.delay(), false);
        }
        Duration delay = fault == null ? Duration.ZERO : fault.delay();
        if (rejectInvalidRequests && !violations.isEmpty()) {
            return new Answer(400, invalidRequest(violations), Map.of(), delay, true);
        }
        RecordedRequest request = new RecordedRequest("POST", e.path(), headers, body, Instant.now(), 0);
        return switch (e) {
            case LOADING -> new Answer(202, "{}", Map.of(), delay, true);
            case REPLY -> {
                String token = request.replyToken().orElse("");
                if (rejectReusedReplyToken && !usedReplyTokens.add(token)) {
                    yield new Answer(400, "{\"message\":\"Invalid reply token\"}", Map.of(), delay, true);
                }
                yield new Answer(200, sentMessages(request), Map.of(), delay, true);
            }
            case PUSH -> {
                String requestId = UUID.randomUUID().toString();
                Optional<String> retryKey = request.retryKey();
                if (retryKey.isPresent() && rejectRepeatedRetryKey && acceptedRetryKeys.containsKey(retryKey.get())) {
                    yield new Answer(409, "{\"message\":\"The retry key is already accepted\"}",
                            Map.of("x-line-accepted-request-id", acceptedRetryKeys.get(retryKey.get())), delay, true);
                }
                retryKey.ifPresent(key -> acceptedRetryKeys.putIfAbsent(key, requestId));
                yield new Answer(200, sentMessages(request), Map.of("x-line-request-id", requestId), delay, true);
            }
        };
    }

    /** Called with lock held. */
    private Fault outageFault(Endpoint endpoint, Instant now) {
        return outages.stream()
                .filter(o -> o.endpoints().contains(endpoint) && !now.isBefore(o.from()) && now.isBefore(o.until()))
                .map(Outage::fault)
                .findFirst().orElse(null);
    }

    private record Outage(Instant from, Instant until, Fault fault, Set<Endpoint> endpoints) {
    }

    private static String invalidRequest(List<String> violations) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        json.put("message", "The request body has " + violations.size() + " error(s)");
        var details = json.putArray("details");
        violations.forEach(v -> details.addObject().put("message", v));
        return json.toString();
    }

    private static Answer error(int status, String body) {
        return new Answer(status, body, Map.of(), Duration.ZERO, false);
    }

    private String sentMessages(RecordedRequest request) {
        // The response schema allows 1..5 sent messages; an over-long request is a violation anyway.
        int count = Math.clamp(request.json().path("messages").size(), 1, LineLimits.MAX_MESSAGES);
        StringBuilder json = new StringBuilder("{\"sentMessages\":[");
        for (int i = 0; i < count; i++) {
            byte[] quote = new byte[24];
            RANDOM.nextBytes(quote);
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"").append(nextMessageId.incrementAndGet())
                    .append("\",\"quoteToken\":\"").append(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(quote))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", JSON);
        headers.set("x-line-request-id", UUID.randomUUID().toString());
        answer.headers().forEach(headers::set);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
