package jp.soudan.iriguchi.line;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
 * <p>Across instances the database lease in {@link ConversationLeases} keeps it to one worker per
 * conversation; this class only spares the database the contention within one instance.
 */
@Component
class ResidentDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ResidentDispatcher.class);
    private static final int POLL_BATCH = 200;

    private final ConversationDrain drain;
    private final InboundEvents inboundEvents;
    private final OutboundMessages outbox;
    private final LineSettings settings;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> wokenWhileRunning = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting;

    ResidentDispatcher(ConversationDrain drain, InboundEvents inboundEvents, OutboundMessages outbox, LineSettings settings) {
        this.drain = drain;
        this.inboundEvents = inboundEvents;
        this.outbox = outbox;
        this.settings = settings;
        this.slots = new Semaphore(settings.worker().concurrency());
    }

    /** Starts work once the application is ready, beginning with whatever was left unprocessed. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        accepting = settings.worker().enabled();
        if (accepting) {
            poll();
        }
    }

    /** Asks for the conversation's queue to be worked on soon. Never blocks the caller. */
    void wake(String conversationKey) {
        if (!accepting) {
            return;
        }
        if (!running.add(conversationKey)) {
            wokenWhileRunning.add(conversationKey);
            return;
        }
        threads.execute(() -> run(conversationKey));
    }

    @Scheduled(fixedDelayString = "${iriguchi.line.worker.poll-interval:1s}", initialDelayString = "${iriguchi.line.worker.poll-interval:1s}")
    void poll() {
        if (!accepting) {
            return;
        }
        try {
            Set<String> due = new LinkedHashSet<>(inboundEvents.conversationsWithPendingEvents(POLL_BATCH));
            due.addAll(outbox.conversationsWithDueMessages(POLL_BATCH));
            due.forEach(this::wake);
        } catch (RuntimeException databaseUnavailable) {
            log.warn("Polling for work failed; trying again in {}: {}", settings.worker().pollInterval(),
                    databaseUnavailable.getClass().getSimpleName());
        }
    }

    private void run(String conversationKey) {
        boolean again;
        do {
            wokenWhileRunning.remove(conversationKey);
            try {
                slots.acquire();
                try {
                    drain.drain(conversationKey);
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.remove(conversationKey);
                return;
            } catch (RuntimeException e) {
                log.error("Working on a conversation failed; the poll will pick it up again", e);
            }
            running.remove(conversationKey);
            // A wake that came in while we were finishing would otherwise wait for the next poll.
            again = wokenWhileRunning.remove(conversationKey) && accepting && running.add(conversationKey);
        } while (again);
    }

    @Override
    public void destroy() throws InterruptedException {
        accepting = false;
        threads.shutdown();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }
}
