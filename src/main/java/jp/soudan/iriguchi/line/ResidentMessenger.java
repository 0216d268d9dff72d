package jp.soudan.iriguchi.line;

import java.util.List;

/**
 * Sends messages to a resident outside a turn (a desk's answer, a follow-up): pushed through the
 * durable outbox, in order, retried until LINE accepts them.
 */
public interface ResidentMessenger {

    /**
     * Queues the replies for delivery; returns once they are stored, not when LINE has them.
     * Must be called inside the caller's transaction if the message belongs to other writes.
     */
    void push(ResidentId resident, List<Reply> replies);
}
