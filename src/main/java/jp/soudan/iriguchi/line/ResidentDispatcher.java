package jp.soudan.iriguchi.line;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs each conversation's queue on at most one thread of this instance at a time, woken at once
 * when the webhook stores an event, and by a poll for what it was not woken for (events stored by
 * another instance, messages due for a retry, work left behind by a crash or a restart).
 *
 * <p>Woken conversations wait in line for one of {@code concurrency} workers, in the order they
 * were woken, except that a resident whose message signals a risk to life goes before everyone
 * waiting: behind a broadcast's backlog the crisis reply would otherwise wait for all of it. The
 * webhook stores such events marked as urgent, so that the poll puts them first too.
 *
 * <p>Across instances the database lease in {@link ConversationLeases} keeps it to one worker per
 * conversation; this class only spares the database the contention within one instance. The
 * lease does not tell this instance's own threads apart, so the one-thread-per-conversation rule
 * here is what keeps two of them from working on the same resident.
 */
@Component
class ResidentDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ResidentDispatcher.class);
    private static final int POLL_BATCH = 200;

    /** Where a woken conversation is; absent when it is neither waiting nor being worked on. */
    private enum Phase { WAITING, RUNNING, RUNNING_WOKEN }

    /** A place in line; a conversation moved to the front keeps its old place too, which is then skipped. */
    private record Ticket(String conversationKey, boolean urgent, long order) {
        static final Comparator<Ticket> FIRST_SERVED = Comparator.comparing((Ticket t) -> !t.urgent())
                .thenComparingLong(Ticket::order);
    }

    private final ConversationDrain drain;
    private final InboundEvents inboundEvents;
    private final OutboundMessages outbox;
    private final LineSettings settings;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final PriorityBlockingQueue<Ticket> line = new PriorityBlockingQueue<>(64, Ticket.FIRST_SERVED);
    private final AtomicLong nextOrder = new AtomicLong();
    private final ConcurrentHashMap<String, Phase> phases = new ConcurrentHashMap<>();
    private final Set<String> urgent = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting;

    ResidentDispatcher(ConversationDrain drain, InboundEvents inboundEvents, OutboundMessages outbox, LineSettings settings) {
        this.drain = drain;
        this.inboundEvents = inboundEvents;
        this.outbox = outbox;
        this.settings = settings;
    }

    /** Starts work once the application is ready, beginning with whatever was left unprocessed. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        accepting = settings.worker().enabled();
        if (accepting) {
            for (int i = 0; i < settings.worker().concurrency(); i++) {
                workers.execute(this::work);
            }
            poll();
        }
    }

    /** Asks for the conversation's queue to be worked on soon. Never blocks the caller. */
    void wake(String conversationKey) {
        wake(conversationKey, false);
    }

    /**
     * Asks for the conversation's queue to be worked on before every conversation that is waiting
     * without such a message. Never blocks the caller.
     */
    void wakeUrgently(String conversationKey) {
        wake(conversationKey, true);
    }

    private void wake(String conversationKey, boolean urgently) {
        if (!accepting) {
            return;
        }
        // Only the first urgent wake of a waiting conversation needs a ticket at the front; the poll repeats it every second.
        boolean newlyUrgent = urgently && urgent.add(conversationKey);
        Phase[] before = new Phase[1];
        phases.compute(conversationKey, (key, phase) -> {
            before[0] = phase;
            return phase == null ? Phase.WAITING : phase == Phase.RUNNING ? Phase.RUNNING_WOKEN : phase;
        });
        if (before[0] == null || (before[0] == Phase.WAITING && newlyUrgent)) {
            line.add(new Ticket(conversationKey, urgently, nextOrder.getAndIncrement()));
        }
    }

    @Scheduled(fixedDelayString = "${iriguchi.line.worker.poll-interval:1s}", initialDelayString = "${iriguchi.line.worker.poll-interval:1s}")
    void poll() {
        if (!accepting) {
            return;
        }
        try {
            inboundEvents.urgentConversationsWithPendingEvents(POLL_BATCH).forEach(this::wakeUrgently);
            Set<String> due = new LinkedHashSet<>(inboundEvents.conversationsWithPendingEvents(POLL_BATCH));
            due.addAll(outbox.conversationsWithDueMessages(POLL_BATCH));
            due.forEach(this::wake);
        } catch (RuntimeException databaseUnavailable) {
            log.warn("Polling for work failed; trying again in {}: {}", settings.worker().pollInterval(),
                    databaseUnavailable.getClass().getSimpleName());
        }
    }

    /** One worker: takes the first conversation in line, works through its queue, and so on. */
    private void work() {
        while (accepting) {
            Ticket ticket;
            try {
                ticket = line.take();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!accepting) {
                return;
            }
            String conversationKey = ticket.conversationKey();
            // A second ticket of a conversation moved to the front finds it taken already.
            if (!phases.replace(conversationKey, Phase.WAITING, Phase.RUNNING)) {
                continue;
            }
            urgent.remove(conversationKey);
            try {
                drain.drain(conversationKey);
            } catch (RuntimeException | Error e) {
                // A worker that ended here would leave its conversation and its share of the work undone.
                log.error("Working on a conversation failed; the poll will pick it up again", e);
            }
            // A wake that came in while we were working would otherwise wait for the next poll.
            Phase after = phases.compute(conversationKey, (key, phase) -> phase == Phase.RUNNING_WOKEN && accepting ? Phase.WAITING : null);
            if (after == Phase.WAITING) {
                line.add(new Ticket(conversationKey, urgent.contains(conversationKey), nextOrder.getAndIncrement()));
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        accepting = false;
        workers.shutdown();
        // Idle workers wait in line.take(): these tickets stop them at once; busy ones finish their conversation.
        for (int i = 0; i < settings.worker().concurrency(); i++) {
            line.add(new Ticket("", true, -1));
        }
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
