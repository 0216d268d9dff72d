package jp.soudan.iriguchi.line;

/**
 * Tells from a text message's words alone whether it signals a risk to life, so that the
 * resident's turn can go before every conversation waiting behind a backlog. Implemented by the
 * safety feature; without an implementation every conversation waits its turn.
 *
 * <p>Called on the webhook's thread for every text message: no I/O, microseconds, never logs the text.
 */
public interface UrgentWords {

    boolean signalRisk(String text);
}
