package jp.soudan.iriguchi.line;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The LINE channel's meters ({@code iriguchi_line_*} at {@code /actuator/prometheus}; README,
 * "Monitoring"). Tags carry only fixed words (an event type, an outcome), never a resident, a
 * user id, a conversation key or what anyone wrote.
 *
 * <p>Counters and timers count what this instance did; the gauges read the shared queues through
 * {@link LineBacklog}, so every instance shows the same backlog (take the maximum, not the sum).
 */
@Component
class LineMetrics {

    /** What became of one stored event. */
    enum Processed { DONE, IGNORED, RETRY, FAILED }

    /** How a message went to LINE. */
    enum Kind { REPLY, PUSH }

    /** Why a reply went out as a push: its token had run out, or LINE refused the reply. */
    enum Fallback { EXPIRED, FAILED }

    /** Why a message was given up. */
    enum Failure { REJECTED, BLOCKED, EXPIRED }

    /** LINE's webhook event types; anything else is counted as {@code other}, so a tag cannot grow without bound. */
    private static final Set<String> EVENT_TYPES = Set.of("message", "unsend", "follow", "unfollow", "join", "leave",
            "memberJoined", "memberLeft", "postback", "videoPlayComplete", "beacon", "accountLink", "things",
            "membership", "module", "activated", "deactivated", "botSuspended", "botResumed", "delivery");

    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2)};

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer processing;
    // Made once: the hot paths (every event, every message) only look up an enum.
    private final Map<Processed, Counter> processed = new EnumMap<>(Processed.class);
    private final Map<Kind, Counter> sent = new EnumMap<>(Kind.class);
    private final Map<Kind, Timer> delivery = new EnumMap<>(Kind.class);
    private final Map<Fallback, Counter> fallbacks = new EnumMap<>(Fallback.class);
    private final Map<Failure, Counter> failures = new EnumMap<>(Failure.class);

    LineMetrics(MeterRegistry registry, LineBacklog backlog, LineSettings settings, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.processing = Timer.builder("iriguchi.line.event.processing")
                .description("From storing a webhook event to finishing its turn (replies queued)")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        // Known series start at zero, so that rate() and alerts see them before the first event.
        eventsReceived("message", "stored");
        eventsReceived("message", "duplicate");
        for (Processed outcome : Processed.values()) {
            processed.put(outcome, counter("iriguchi.line.events.processed", "Stored webhook events worked on, by outcome",
                    "outcome", tag(outcome)));
        }
        for (Kind kind : Kind.values()) {
            sent.put(kind, counter("iriguchi.line.messages.sent", "Messages accepted by LINE, as reply or push",
                    "kind", tag(kind)));
            delivery.put(kind, Timer.builder("iriguchi.line.message.delivery")
                    .description("From queuing a message to LINE accepting it")
                    .tag("kind", tag(kind)).serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
        }
        for (Fallback reason : Fallback.values()) {
            fallbacks.put(reason, counter("iriguchi.line.reply.fallbacks", "Replies sent as a push instead",
                    "reason", tag(reason)));
        }
        for (Failure reason : Failure.values()) {
            failures.put(reason, counter("iriguchi.line.outbox.failures", "Messages given up, by cause",
                    "reason", tag(reason)));
        }
        backlogGauges(backlog, settings.health());
    }

    /** A webhook event was stored ({@code duplicate}: LINE sent one it had sent before). Counted once committed. */
    void eventReceived(String eventType, boolean duplicate) {
        Counter counter = eventsReceived(EVENT_TYPES.contains(eventType) ? eventType : "other",
                duplicate ? "duplicate" : "stored");
        afterCommit(counter::increment);
    }

    /** A stored event was worked on; the time since it was stored is recorded once it is done with. */
    void eventProcessed(Processed outcome, Instant receivedAt) {
        processed.get(outcome).increment();
        if (outcome != Processed.RETRY) {
            processing.record(since(receivedAt));
        }
    }

    /** LINE accepted a message queued at {@code queuedAt}. */
    void sent(Kind kind, Instant queuedAt) {
        sent.get(kind).increment();
        delivery.get(kind).record(since(queuedAt));
    }

    void replyBecamePush(Fallback reason) {
        fallbacks.get(reason).increment();
    }

    /** A push will be tried again; {@code error} is the delivery's own short description ("HTTP 503", "timeout"). */
    void pushRetried(String error) {
        counter("iriguchi.line.outbox.retries", "Pushes to be tried again, by cause", "reason", retryReason(error))
                .increment();
    }

    void messageFailed(Failure reason) {
        failures.get(reason).increment();
    }

    private void backlogGauges(LineBacklog backlog, LineSettings.Health limits) {
        gauge("iriguchi.line.intake.pending", "events", "Webhook events stored and not yet processed", backlog,
                reading -> reading.intake().pending());
        gauge("iriguchi.line.intake.failed", "events", "Webhook events given up after their attempts (kept 24 h)", backlog,
                reading -> reading.intake().failed());
        gauge("iriguchi.line.intake.lag", "seconds", "How long the oldest unprocessed webhook event has waited", backlog,
                reading -> seconds(reading.intake().lag(reading.takenAt())));
        gauge("iriguchi.line.outbox.pending", "messages", "Replies and pushes not yet accepted by LINE", backlog,
                reading -> reading.outbox().pending());
        gauge("iriguchi.line.outbox.failed", "messages", "Replies and pushes given up (kept 7 days)", backlog,
                reading -> reading.outbox().failed());
        gauge("iriguchi.line.outbox.lag", "seconds", "How long the oldest message not yet accepted by LINE has waited",
                backlog, reading -> seconds(reading.outbox().lag(reading.takenAt())));
        Gauge.builder("iriguchi.line.intake.lag.limit", limits, l -> seconds(l.intakeLagLimit())).baseUnit("seconds")
                .description("Intake lag beyond which health is DOWN").register(registry);
        Gauge.builder("iriguchi.line.outbox.lag.limit", limits, l -> seconds(l.outboxLagLimit())).baseUnit("seconds")
                .description("Outbox lag beyond which health is DOWN").register(registry);
    }

    private void gauge(String name, String unit, String description, LineBacklog backlog,
                       ToDoubleFunction<LineBacklog.Reading> value) {
        // NaN while the database cannot be read: an old number would look like a live one.
        Gauge.builder(name, backlog, b -> b.current().map(value::applyAsDouble).orElse(Double.NaN))
                .baseUnit(unit).description(description).register(registry);
    }

    private Counter eventsReceived(String type, String outcome) {
        return Counter.builder("iriguchi.line.webhook.events").description("Webhook events received, by LINE event type")
                .tag("type", type).tag("outcome", outcome).register(registry);
    }

    private Counter counter(String name, String description, String tagKey, String tagValue) {
        return Counter.builder(name).description(description).tag(tagKey, tagValue).register(registry);
    }

    private Duration since(Instant start) {
        Duration elapsed = Duration.between(start, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    static String retryReason(String error) {
        if (error.equals("HTTP 429")) {
            return "http_429";
        }
        if (error.startsWith("HTTP 5")) {
            return "http_5xx";
        }
        if (error.startsWith("HTTP ")) {
            return "http_other";
        }
        return error.equals("timeout") ? "timeout" : "error";
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Inside a transaction the count waits for the commit: a rolled-back store was not received. */
    private static void afterCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
