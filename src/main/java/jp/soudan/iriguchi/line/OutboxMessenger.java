package jp.soudan.iriguchi.line;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link ResidentMessenger} through the outbox: the push is stored (in the caller's transaction, if
 * there is one) and delivered by the conversation's worker after commit, behind a neutral preview.
 */
@Component
class OutboxMessenger implements ResidentMessenger {

    private final OutboundMessages outbox;
    private final LineMessageRenderer renderer;
    private final ResidentDispatcher dispatcher;
    private final LineSettings settings;

    OutboxMessenger(OutboundMessages outbox, LineMessageRenderer renderer, ResidentDispatcher dispatcher,
                    LineSettings settings) {
        this.outbox = outbox;
        this.renderer = renderer;
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    @Override
    public void push(ResidentId resident, List<Reply> replies) {
        if (replies.isEmpty()) {
            return;
        }
        String key = resident.value();
        outbox.enqueue(key, null, null,
                LineMessageRenderer.inCalls(renderer.renderForPush(replies, settings.neutralPreview())));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake(key);
                }
            });
        } else {
            dispatcher.wake(key);
        }
    }
}
