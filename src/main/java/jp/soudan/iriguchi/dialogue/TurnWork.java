package jp.soudan.iriguchi.dialogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;

/**
 * What one turn carries into the state machine and brings back out: the resident's input, and the
 * cards, blocks and failure its actions produced. Travels as a header of the event message, so
 * that the machine's actions and guards reach it; lives for one turn only.
 */
final class TurnWork {

    private final ResidentId resident;
    private final Instant at;
    private final String language;
    private @Nullable String text;
    private @Nullable String messageId;
    private @Nullable String feedbackEntry;
    private boolean feedbackHelpful;
    private final List<Reply.Card> faqCards = new ArrayList<>();
    private final List<String> blocks = new ArrayList<>();
    private @Nullable RuntimeException failure;
    private boolean erased;

    TurnWork(ResidentId resident, Instant at, String language) {
        this.resident = resident;
        this.at = at;
        this.language = language;
    }

    ResidentId resident() {
        return resident;
    }

    Instant at() {
        return at;
    }

    /** The language the turn began in (a language switch changes the slot, not this). */
    String language() {
        return language;
    }

    TurnWork withText(String text, String messageId) {
        this.text = text;
        this.messageId = messageId;
        return this;
    }

    TurnWork withFeedback(String entryId, boolean helpful) {
        this.feedbackEntry = entryId;
        this.feedbackHelpful = helpful;
        return this;
    }

    @Nullable
    String text() {
        return text;
    }

    @Nullable
    String messageId() {
        return messageId;
    }

    @Nullable
    String feedbackEntry() {
        return feedbackEntry;
    }

    boolean feedbackHelpful() {
        return feedbackHelpful;
    }

    List<Reply.Card> faqCards() {
        return faqCards;
    }

    void showFaqCards(List<Reply.Card> cards) {
        faqCards.clear();
        faqCards.addAll(cards);
    }

    List<String> blocks() {
        return blocks;
    }

    void sendBlock(String name) {
        blocks.add(name);
    }

    /** Everything about the resident was erased this turn: their conversation is not stored again. */
    void erased() {
        erased = true;
    }

    boolean wasErased() {
        return erased;
    }

    /** Spring Statemachine swallows what an action throws: it is kept here and thrown after the event. */
    void failed(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
    }

    void rethrowFailure() {
        if (failure != null) {
            throw failure;
        }
    }
}
