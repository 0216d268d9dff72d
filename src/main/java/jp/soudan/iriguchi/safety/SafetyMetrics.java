package jp.soudan.iriguchi.safety;

import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The safety feature's meters ({@code iriguchi_safety_*}; README, "Monitoring"): how often the
 * crisis reply went out, by kind of danger. The tag is the kind only, never the words.
 */
@Component
class SafetyMetrics {

    private final MeterRegistry registry;
    private final Counter withoutTicket;

    SafetyMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (CrisisKind kind : CrisisKind.values()) {
            detections(kind);
        }
        this.withoutTicket = Counter.builder("iriguchi.safety.crisis.without.ticket")
                .description("Crises answered without an urgent ticket (no referral feature running): the desk was not told")
                .register(registry);
    }

    /**
     * A message signalled danger and got the crisis reply. Counted once per message, under the kind
     * the reply speaks to first, and only once the turn is committed: a turn tried again after a
     * failure is not a second crisis.
     */
    void crisisDetected(CrisisAssessment assessment, boolean ticketOpened) {
        if (!assessment.isCrisis()) {
            return;
        }
        Counter counter = detections(assessment.kinds().iterator().next());
        afterCommit(() -> {
            counter.increment();
            if (!ticketOpened) {
                withoutTicket.increment();
            }
        });
    }

    private Counter detections(CrisisKind kind) {
        return Counter.builder("iriguchi.safety.crisis.detections")
                .description("Messages answered with the crisis reply, by the most urgent kind of danger they signal")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

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
