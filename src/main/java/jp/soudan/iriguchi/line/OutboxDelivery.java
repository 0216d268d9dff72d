package jp.soudan.iriguchi.line;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import com.linecorp.bot.client.base.exception.AbstractLineClientException;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.PushMessageRequest;
import com.linecorp.bot.messaging.model.ReplyMessageRequest;

/**
 * Delivers a conversation's outbox in order: a reply while its token is valid, otherwise a push.
 *
 * <p>Policy: at least once, in order, with duplicates kept to one rare case. A push is retried
 * with the same {@code X-Line-Retry-Key} on 5xx, 429 and time-outs, so LINE delivers it once however
 * often we try (a 409 means LINE already accepted it). A reply that fails in any way becomes a push:
 * if the failed reply had in fact reached LINE (a time-out after LINE accepted it), the resident sees
 * that message twice. We accept that duplicate over a lost answer. Any other 4xx on a push is
 * final: the row is marked FAILED, counted, and logged with its id, and later messages go on.
 * A row waiting for its retry holds back the messages after it, so the resident never reads
 * answers out of order.
 */
@Component
class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final OutboundMessages outbox;
    private final LineRecipients recipients;
    private final MessagingApiClient lineApi;
    private final LineSettings settings;
    private final Clock clock;
    /** Rows LINE accepted whose SENT mark did not reach the database (see {@link #recordSent}). */
    private final Set<Long> acceptedNotRecorded = ConcurrentHashMap.newKeySet();
    private final LineMetrics metrics;

    OutboxDelivery(OutboundMessages outbox, LineRecipients recipients, MessagingApiClient lineApi, LineSettings settings,
                   Clock clock, LineMetrics metrics) {
        this.outbox = outbox;
        this.recipients = recipients;
        this.lineApi = lineApi;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Sends what is due for the conversation; the caller holds the conversation's lease.
     *
     * @return true when nothing is left pending, false when a message waits for its retry
     */
    boolean deliverDue(String conversationKey, SentMarks marks) {
        marks.write();
        recordAcceptedEarlier();
        return sendInOrder(outbox.pending(conversationKey), marks);
    }

    /**
     * Sends messages just queued, as {@link OutboundMessages#enqueue} returned them, without reading
     * them back. Only for a conversation whose outbox held nothing else: otherwise the older messages
     * must go first, and {@link #deliverDue} is the way.
     *
     * @return true when all went out, false when one waits for its retry
     */
    boolean deliverInOrder(List<OutboundMessage> messages, SentMarks marks) {
        marks.write();
        recordAcceptedEarlier();
        return sendInOrder(messages, marks);
    }

    /** A new drain's {@link SentMarks}. */
    SentMarks sentMarks() {
        return new SentMarks();
    }

    /**
     * One drain's SENT marks. The mark of the message LINE accepted last is held back, so that the
     * drain can write it in the same statement as its lease's release ({@link ConversationLeases#releaseMarkingSent});
     * it is written at once when the drain goes on with anything else (another message, another
     * event, another read), so a crash finds no more sent-but-unmarked messages than before. A
     * held-back mark is not yet in the database, so its row must not be read as pending meanwhile:
     * every delivery writes it first.
     */
    final class SentMarks {

        private @Nullable Long heldBack;

        private SentMarks() {
        }

        private void accepted(long id) {
            write();
            heldBack = id;
        }

        /** Writes a held-back mark now (tried a few times; kept in memory if the database is down). */
        void write() {
            Long id = heldBack;
            if (id != null) {
                heldBack = null;
                recordSent(id);
            }
        }

        OptionalLong heldBack() {
            Long id = heldBack;
            return id == null ? OptionalLong.empty() : OptionalLong.of(id);
        }

        /** The held-back mark went into the database with the release. */
        void writtenWithRelease() {
            heldBack = null;
        }
    }

    private boolean sendInOrder(List<OutboundMessage> messages, SentMarks marks) {
        for (OutboundMessage message : messages) {
            // Only the last message LINE accepted may wait for the release: not across another call.
            marks.write();
            if (acceptedNotRecorded.contains(message.id())) {
                continue;
            }
            if (message.nextAttemptAt().isAfter(clock.instant())) {
                return false;
            }
            if (!deliver(message, marks)) {
                return false;
            }
        }
        return true;
    }

    /** Returns false when the message is waiting for a retry, which holds back the ones after it. */
    private boolean deliver(OutboundMessage message, SentMarks marks) {
        OutboundMessage toPush = message;
        if (message.replyToken() != null) {
            if (message.replyDeadline() != null && clock.instant().isBefore(message.replyDeadline())) {
                Outcome replied = call(lineApi.replyMessage(
                        new ReplyMessageRequest(message.replyToken(), message.messages(), false)));
                if (replied.status() == Outcome.Status.DELIVERED) {
                    marks.accepted(message.id());
                    metrics.sent(LineMetrics.Kind.REPLY, message.createdAt());
                    return true;
                }
                log.info("Reply for outbox row {} failed ({}); sending it as a push", message.id(), replied.error());
                metrics.replyBecamePush(LineMetrics.Fallback.FAILED);
            } else {
                metrics.replyBecamePush(LineMetrics.Fallback.EXPIRED);
            }
            toPush = outbox.becomePush(message);
        }
        if (Duration.between(toPush.createdAt(), clock.instant()).compareTo(settings.outbox().giveUpAfter()) > 0) {
            outbox.markFailed(toPush.id(), "gave up: older than the retry key's lifetime");
            metrics.messageFailed(LineMetrics.Failure.EXPIRED);
            log.warn("Outbox row {} given up after {} attempts: older than LINE keeps a retry key",
                    toPush.id(), toPush.attempts());
            return true;
        }
        Optional<String> userId = recipients.reachableUserId(toPush.conversationKey());
        if (userId.isEmpty()) {
            outbox.markFailed(toPush.id(), "not sent: the resident blocked the account");
            metrics.messageFailed(LineMetrics.Failure.BLOCKED);
            log.info("Outbox row {} not pushed: the resident blocked the account", toPush.id());
            return true;
        }
        Outcome pushed = call(lineApi.pushMessage(toPush.retryKey(),
                new PushMessageRequest(userId.get(), toPush.messages(), false, null)));
        return switch (pushed.status()) {
            case DELIVERED -> {
                marks.accepted(toPush.id());
                metrics.sent(LineMetrics.Kind.PUSH, toPush.createdAt());
                yield true;
            }
            case RETRY -> {
                Instant next = clock.instant().plus(backoff(toPush.attempts(), pushed.retryAfter()));
                outbox.markRetry(toPush.id(), next, pushed.error());
                metrics.pushRetried(pushed.error());
                log.info("Push of outbox row {} will be retried at {} ({})", toPush.id(), next, pushed.error());
                yield false;
            }
            case REJECTED -> {
                outbox.markFailed(toPush.id(), pushed.error());
                metrics.messageFailed(LineMetrics.Failure.REJECTED);
                log.warn("Push of outbox row {} rejected by LINE ({}); marked FAILED", toPush.id(), pushed.error());
                yield true;
            }
        };
    }

    /**
     * Marks the row SENT; when the database cannot take that, remembers the row instead, so that
     * this instance never sends it again (a reply token cannot be used twice: it would go out again
     * as a push) and records it once the database answers.
     */
    private void recordSent(long id) {
        try {
            outbox.markSent(id);
        } catch (DataAccessException | TransactionException databaseUnavailable) {
            acceptedNotRecorded.add(id);
            log.warn("LINE accepted outbox row {} but it could not be marked sent ({}); it will not be sent again",
                    id, databaseUnavailable.getClass().getSimpleName());
        }
    }

    private void recordAcceptedEarlier() {
        for (Long id : acceptedNotRecorded) {
            outbox.markSent(id);
            acceptedNotRecorded.remove(id);
        }
    }

    private Duration backoff(int attemptsSoFar, Duration retryAfter) {
        Duration initial = settings.outbox().initialBackoff();
        Duration exponential = initial.multipliedBy(1L << Math.min(attemptsSoFar, 20));
        Duration capped = exponential.compareTo(settings.outbox().maxBackoff()) > 0 ? settings.outbox().maxBackoff() : exponential;
        Duration jitter = Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, capped.toMillis() / 10 + 1)));
        Duration wait = capped.plus(jitter);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }

    private Outcome call(CompletableFuture<?> call) {
        try {
            call.get(settings.outbox().callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.delivered();
        } catch (TimeoutException e) {
            call.cancel(true);
            return Outcome.retry("timeout", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted", null);
        } catch (ExecutionException e) {
            return classify(e.getCause());
        }
    }

    private static Outcome classify(Throwable failure) {
        if (failure instanceof AbstractLineClientException api) {
            int code = api.getCode();
            String error = "HTTP " + code;
            if (code == 409) {
                return Outcome.delivered();
            }
            if (code == 429) {
                return Outcome.retry(error, retryAfter(api.getHeader("Retry-After")));
            }
            if (code >= 500) {
                return Outcome.retry(error, null);
            }
            return Outcome.rejected(error);
        }
        return Outcome.retry(failure == null ? "unknown" : failure.getClass().getSimpleName(), null);
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private record Outcome(Status status, String error, Duration retryAfter) {
        enum Status { DELIVERED, RETRY, REJECTED }

        static Outcome delivered() {
            return new Outcome(Status.DELIVERED, "", null);
        }

        static Outcome retry(String error, Duration retryAfter) {
            return new Outcome(Status.RETRY, error, retryAfter);
        }

        static Outcome rejected(String error) {
            return new Outcome(Status.REJECTED, error, null);
        }
    }
}
