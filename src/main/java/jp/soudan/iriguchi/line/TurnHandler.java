package jp.soudan.iriguchi.line;

import java.util.List;

/**
 * The conversation behind the channel: answers one turn with channel-neutral replies.
 *
 * <p>Called by the worker inside the transaction that marks the turn done and queues the replies,
 * so whatever the handler writes to the database commits or rolls back with them: a turn is
 * answered exactly once. The handler must not call LINE or any other remote service itself.
 */
public interface TurnHandler {

    List<Reply> handle(Turn turn);
}
