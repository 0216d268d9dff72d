package jp.soudan.iriguchi.line;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the LINE channel ({@code iriguchi.line.*}). LINE's own credentials and endpoint
 * stay under the SDK's {@code line.bot.*}.
 *
 * @param maxWebhookBody largest webhook body accepted, in bytes; LINE's payloads are far smaller
 * @param replyTokenLifetime how long after the event a reply token is still used; LINE documents
 *        about a minute, we stop earlier so that a slow reply is not wasted
 * @param neutralPreview what a phone's notification shows of a push (a desk's answer, a follow-up):
 *        wording that tells a family member glancing at the screen nothing about the consultation
 * @param maxConcurrentWebhooks how many webhook requests are handled at once; beyond that (after a
 *        short wait) LINE gets a 503 and redelivers, instead of the bot running out of memory
 * @param maxConcurrentCalls how many calls to the Messaging API may be under way at once
 * @param worker the per-resident worker
 * @param outbox delivery of replies and pushes
 * @param health when {@code /actuator/health} reports the queues as lagging
 */
@Validated
@ConfigurationProperties("iriguchi.line")
record LineSettings(
        @DefaultValue("1048576") @Min(1024) int maxWebhookBody,
        @DefaultValue("50s") @NotNull Duration replyTokenLifetime,
        @DefaultValue("新しいメッセージがあります") @NotBlank @Size(max = 400) String neutralPreview,
        @DefaultValue("200") @Min(1) int maxConcurrentWebhooks,
        @DefaultValue("64") @Min(1) int maxConcurrentCalls,
        @DefaultValue @Valid Worker worker,
        @DefaultValue @Valid Outbox outbox,
        @DefaultValue @Valid Health health) {

    /**
     * @param enabled whether this instance processes stored events (off: it only stores them)
     * @param concurrency how many residents' queues one instance works on at once; keep it well under
     *        the connection pool (16 by default) so that the webhook always gets a connection
     * @param pollInterval how often an instance looks for work it was not woken for: events
     *        stored by another instance, or left behind by a crash
     * @param leaseDuration how long a claim on a resident's queue lasts without renewal; after a
     *        crash another instance takes over once it has run out
     * @param maxAttempts how often a turn that throws is tried before it is set aside
     * @param loadingSeconds how long LINE shows its loading animation (5 to 60, in steps of 5)
     * @param loadingDelay the loading animation is shown only when an answer takes longer than this:
     *        a quick answer needs none, and the call to LINE it would cost is saved
     */
    record Worker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8") @Min(1) int concurrency,
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("20s") @NotNull Duration leaseDuration,
            @DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("10") @Min(5) int loadingSeconds,
            @DefaultValue("300ms") @NotNull Duration loadingDelay) {
    }

    /**
     * @param initialBackoff wait before the first retry of a push; doubled on each further retry
     * @param maxBackoff longest wait between two retries
     * @param giveUpAfter LINE keeps a retry key for 24 hours; after that a retry could deliver twice
     * @param callTimeout longest wait for one call to LINE
     */
    record Outbox(
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("5m") @NotNull Duration maxBackoff,
            @DefaultValue("23h") @NotNull Duration giveUpAfter,
            @DefaultValue("15s") @NotNull Duration callTimeout) {
    }

    /**
     * Limits of the {@code intake} and {@code outbox} health indicators. They measure the shared
     * queues in the database, so every instance reports the same; they are not part of the
     * liveness or readiness probes (README, "Monitoring").
     *
     * @param intakeLagLimit the intake is DOWN while an event has waited longer than this to be processed
     * @param outboxLagLimit the outbox is DOWN while a reply or push has waited longer than this to be
     *        accepted by LINE (also during a LINE outage: residents are then not being answered)
     * @param checkInterval how long one reading of the queues is reused by health and metrics, so that
     *        probes and scrapes cost at most two small queries per interval and instance
     */
    record Health(
            @DefaultValue("2m") @NotNull Duration intakeLagLimit,
            @DefaultValue("5m") @NotNull Duration outboxLagLimit,
            @DefaultValue("5s") @NotNull Duration checkInterval) {

        Health {
            requirePositive("iriguchi.line.health.intake-lag-limit", intakeLagLimit);
            requirePositive("iriguchi.line.health.outbox-lag-limit", outboxLagLimit);
            requirePositive("iriguchi.line.health.check-interval", checkInterval);
        }

        private static void requirePositive(String property, Duration value) {
            if (value != null && (value.isZero() || value.isNegative())) {
                throw new IllegalArgumentException(property + " must be longer than zero, not " + value);
            }
        }
    }
}
