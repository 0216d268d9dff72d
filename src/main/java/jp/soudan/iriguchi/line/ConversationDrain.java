package jp.soudan.iriguchi.line;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import com.linecorp.bot.messaging.model.Message;
import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.ReplyEvent;

/**
 * Works through one conversation's queue while holding its lease: each stored event, in LINE's
 * timestamp order, becomes a turn; its replies and the event's completion commit together; then the
 * outbox is delivered.
 *
 * <p>Its writes are redone from the stored event if a database crash loses them, so they do not wait
 * for the disk on PostgreSQL: the turn runs in a redoable transaction, leases and "sent" marks are
 * lone statements (app's {@code DatabaseDurability}). On PostgreSQL the turn's event is marked
 * finished in the statement that queues its first answer, and the "sent" mark of a drain's last
 * answer goes with the release of the lease: eight round trips per event in the usual case.
 */
@Component
class ConversationDrain {

    private static final Logger log = LoggerFactory.getLogger(ConversationDrain.class);
    private static final int BATCH = 20;
    private static final List<Reply> APOLOGY = List.of(new Reply.Text(
            "ごめんなさい。いま、うまく受け取れませんでした。少し時間をおいて、もう一度送ってください。"));

    private final ConversationLeases leases;
    private final InboundEvents inboundEvents;
    private final TurnTranslator translator;
    private final TurnHandler handler;
    private final LineMessageRenderer renderer;
    private final OutboundMessages outbox;
    private final OutboxDelivery delivery;
    private final LoadingIndicator loading;
    private final LineRecipients recipients;
    private final TransactionTemplate transactions;
    private final LineSettings settings;
    private final Clock clock;
    private final LineMetrics metrics;
    private final LineDatabase database;

    ConversationDrain(ConversationLeases leases, InboundEvents inboundEvents, TurnTranslator translator,
                      TurnHandler handler, LineMessageRenderer renderer, OutboundMessages outbox,
                      OutboxDelivery delivery, LoadingIndicator loading, LineRecipients recipients,
                      @Qualifier("redoableTransactions") TransactionTemplate transactions, LineSettings settings, Clock clock, LineMetrics metrics,
                      LineDatabase database) {
        this.leases = leases;
        this.inboundEvents = inboundEvents;
        this.translator = translator;
        this.handler = handler;
        this.renderer = renderer;
        this.outbox = outbox;
        this.delivery = delivery;
        this.loading = loading;
        this.recipients = recipients;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.database = database;
    }

    void drain(String conversationKey) {
        Instant renewAt = clock.instant().plus(settings.worker().leaseDuration().dividedBy(3));
        Optional<InboundEvents.PendingWork> claimed = claim(conversationKey);
        if (claimed.isEmpty()) {
            return;
        }
        LoadingIndicator.Shown loadingShown = null;
        OutboxDelivery.SentMarks sentMarks = delivery.sentMarks();
        try {
            InboundEvents.PendingWork work = claimed.get();
            if (!work.recipientKnown()) {
                rememberRecipientFrom(conversationKey, work.events());
            }
            // While the outbox holds nothing older, a turn's answers go out straight from memory.
            boolean outboxClear = !work.outboxWaiting() || delivery.deliverDue(conversationKey, sentMarks);
            boolean more = true;
            while (more && !work.events().isEmpty()) {
                List<StoredEvent> batch = work.events();
                // A short batch was everything pending; what arrives meanwhile wakes the conversation again.
                more = batch.size() == BATCH;
                for (StoredEvent event : batch) {
                    sentMarks.write();
                    if (clock.instant().isAfter(renewAt)) {
                        if (!leases.renew(conversationKey)) {
                            log.warn("Lost the lease of a conversation while working on it; leaving it to its new owner");
                            return;
                        }
                        renewAt = clock.instant().plus(settings.worker().leaseDuration().dividedBy(3));
                    }
                    TurnTranslator.Translation translation = translator.translate(event);
                    if (loadingShown == null && translation.turn().isPresent()) {
                        loadingShown = translation.event().map(ConversationKeys::userIdOf)
                                .map(loading::whileWorking).orElse(() -> { });
                    }
                    Optional<List<OutboundMessage>> queued = process(event, translation);
                    outboxClear = outboxClear && queued.isPresent()
                            ? delivery.deliverInOrder(queued.get(), sentMarks)
                            : delivery.deliverDue(conversationKey, sentMarks);
                }
                if (more) {
                    sentMarks.write();
                    work = inboundEvents.pending(conversationKey, BATCH);
                }
            }
        } finally {
            if (loadingShown != null) {
                loadingShown.done();
            }
            release(conversationKey, sentMarks);
        }
    }

    /**
     * Learns how to reach a resident from their first waiting event, before anything is sent: a
     * message queued before that event was worked on (a desk's answer while a backlog held it back)
     * goes out first and would otherwise be taken for one to a resident who blocked the account, and
     * even the apology for a turn that fails needs it. A lone statement, redone with the event if a
     * database crash loses it. Once per resident, so their first event is read twice.
     */
    private void rememberRecipientFrom(String conversationKey, List<StoredEvent> events) {
        for (StoredEvent event : events) {
            Optional<String> userId = translator.translate(event).event().map(ConversationKeys::userIdOf);
            if (userId.isPresent()) {
                recipients.remember(conversationKey, userId.get());
                return;
            }
        }
    }

    /**
     * Releases the lease; on PostgreSQL a SENT mark held back goes in the same statement. Should that
     * fail, the mark is written on its own, with its retries and its in-memory fallback.
     */
    private void release(String conversationKey, OutboxDelivery.SentMarks sentMarks) {
        OptionalLong heldBack = sentMarks.heldBack();
        if (heldBack.isPresent() && database.isPostgres()) {
            try {
                leases.releaseMarkingSent(conversationKey, heldBack.getAsLong());
                sentMarks.writtenWithRelease();
                return;
            } catch (DataAccessException | TransactionException e) {
                log.debug("Release with the SENT mark failed; writing them one by one", e);
            }
        }
        sentMarks.write();
        leases.release(conversationKey);
    }

    /**
     * Claims the conversation and reads its pending work; empty while another instance holds it. On
     * PostgreSQL both go in one round trip, unless this is the conversation's very first claim.
     */
    private Optional<InboundEvents.PendingWork> claim(String conversationKey) {
        // Only PostgreSQL updates in a WITH clause.
        if (!database.isPostgres()) {
            return leases.tryAcquire(conversationKey)
                    ? Optional.of(inboundEvents.pending(conversationKey, BATCH))
                    : Optional.empty();
        }
        ConversationLeases.Claim claim = leases.claimOf(conversationKey);
        InboundEvents.ClaimedWork read = inboundEvents.claimAndReadPending(claim, BATCH);
        if (read.claimed()) {
            return Optional.of(read.work());
        }
        if (!read.leaseExists() && leases.tryFirstClaim(claim)) {
            return Optional.of(inboundEvents.pending(conversationKey, BATCH));
        }
        return Optional.empty();
    }

    /**
     * Runs the turn and queues its answers in one transaction.
     *
     * @return the answers queued, once committed; empty when the turn did not complete normally
     *         (then the outbox must be read back to know what is pending)
     */
    private Optional<List<OutboundMessage>> process(StoredEvent stored, TurnTranslator.Translation translation) {
        try {
            List<OutboundMessage> queued = transactions.execute(tx -> {
                Optional<Turn> turn = translation.turn();
                turn.ifPresent(this::trackReachability);
                List<Reply> replies = turn.map(handler::handle).orElse(List.of());
                return finishAndQueue(stored, turn.isPresent() ? InboundEvents.Status.DONE : InboundEvents.Status.IGNORED,
                        translation.event(), replies);
            });
            metrics.eventProcessed(translation.turn().isPresent() ? LineMetrics.Processed.DONE : LineMetrics.Processed.IGNORED,
                    stored.receivedAt());
            return Optional.of(queued);
        } catch (LeaseLostException e) {
            log.warn("Event {} was finished by another worker; our work on it was rolled back", stored.id());
        } catch (RuntimeException e) {
            log.error("Event {} failed (attempt {} of {})", stored.id(), stored.attempts() + 1,
                    settings.worker().maxAttempts(), e);
            inboundEvents.recordFailure(stored.id(), settings.worker().maxAttempts());
            metrics.eventProcessed(stored.attempts() + 1 >= settings.worker().maxAttempts()
                    ? LineMetrics.Processed.FAILED : LineMetrics.Processed.RETRY, stored.receivedAt());
            if (stored.attempts() + 1 >= settings.worker().maxAttempts() && ConversationKeys.isResident(stored.conversationKey())) {
                transactions.executeWithoutResult(tx -> queue(stored, translation.event(), APOLOGY));
            }
        }
        return Optional.empty();
    }

    /** A resident who blocks the account gets no pushes until they add it again. */
    private void trackReachability(Turn turn) {
        switch (turn.what()) {
            case Inbound.Unfollowed unfollowed -> recipients.blocked(turn.resident().value());
            case Inbound.Followed followed -> recipients.unblocked(turn.resident().value());
            default -> { }
        }
    }

    /**
     * Marks the event finished and queues the turn's answers; rolls the turn back if the event is no
     * longer ours. On PostgreSQL the mark goes in the statement that queues the first answer.
     */
    private List<OutboundMessage> finishAndQueue(StoredEvent stored, InboundEvents.Status status, Optional<Event> event,
                                                 List<Reply> replies) {
        List<List<Message>> calls = ConversationKeys.isResident(stored.conversationKey())
                ? LineMessageRenderer.inCalls(renderer.render(replies))
                : List.of();
        if (calls.isEmpty() || !database.isPostgres()) {
            if (!inboundEvents.finish(stored.id(), status)) {
                throw new LeaseLostException();
            }
            return calls.isEmpty() ? List.of() : outbox.enqueue(stored.conversationKey(), replyToken(event), replyDeadline(stored), calls);
        }
        return outbox.enqueueFinishing(stored.id(), status, stored.conversationKey(), replyToken(event), replyDeadline(stored), calls)
                .orElseThrow(LeaseLostException::new);
    }

    private List<OutboundMessage> queue(StoredEvent stored, Optional<Event> event, List<Reply> replies) {
        if (replies.isEmpty() || !ConversationKeys.isResident(stored.conversationKey())) {
            return List.of();
        }
        return outbox.enqueue(stored.conversationKey(), replyToken(event), replyDeadline(stored),
                LineMessageRenderer.inCalls(renderer.render(replies)));
    }

    private static @Nullable String replyToken(Optional<Event> event) {
        return event.filter(ReplyEvent.class::isInstance)
                .map(e -> ((ReplyEvent) e).replyToken())
                .orElse(null);
    }

    private Instant replyDeadline(StoredEvent stored) {
        Instant issued = Instant.ofEpochMilli(Math.min(stored.eventTimestamp(), stored.receivedAt().toEpochMilli()));
        return issued.plus(settings.replyTokenLifetime());
    }

    /** Thrown inside the turn's transaction to roll it back when the event is no longer ours. */
    private static final class LeaseLostException extends RuntimeException {
        LeaseLostException() {
            super(null, null, false, false);
        }
    }
}
