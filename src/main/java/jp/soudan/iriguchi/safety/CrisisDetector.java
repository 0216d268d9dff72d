package jp.soudan.iriguchi.safety;

/**
 * Tells whether a resident's message signals danger to life or body. Called on every text
 * message, in every state of the conversation, before anything else answers it.
 *
 * <p>Implementations do no I/O and answer in microseconds; they never log the text.
 */
public interface CrisisDetector {

    /** Assesses one message; blank text signals nothing. */
    CrisisAssessment assess(String text);
}
