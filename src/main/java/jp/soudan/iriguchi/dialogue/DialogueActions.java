package jp.soudan.iriguchi.dialogue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.context.ApplicationEventPublisher;

import jp.soudan.iriguchi.faq.FaqAnswer;
import jp.soudan.iriguchi.faq.FaqContact;
import jp.soudan.iriguchi.faq.FaqEntry;
import jp.soudan.iriguchi.faq.FaqFeedback;
import jp.soudan.iriguchi.faq.FaqHit;
import jp.soudan.iriguchi.faq.FaqSearch;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.privacy.ErasedData;
import jp.soudan.iriguchi.privacy.Erasure;
import jp.soudan.iriguchi.referral.Referrals;
import jp.soudan.iriguchi.referral.TicketReceipt;

/**
 * What the actions named in the dialogue files do. They run inside the turn's transaction (the
 * FAQ search is local; the referral joins the transaction), so everything they write commits with
 * the turn or not at all.
 *
 * <p>The other features are optional here: without a FAQ the search reports {@code unavailable}
 * and the files route past it; without the referral feature the submit reports {@code unavailable}
 * and the files say so honestly, with the desk's phone number.
 */
final class DialogueActions {

    static final String FAQ_RESULT = "faq_result";
    static final String FAQ_ENTRIES = "faq_entries";
    static final String FAQ_FEEDBACK = "faq_feedback";
    static final String WORDS_PREVIEW = "words_preview";
    static final String REFERRAL_RESULT = "referral_result";
    static final String CASE_NUMBER = "case_number";
    static final String DESK_NAME = "desk_name";
    static final String CONTACT_WHEN = "contact_when";
    static final String DELETION_RESULT = "deletion_result";
    static final String DELETION_KEPT = "deletion_kept";

    private final DialogueBook book;
    private final DialogueSettings settings;
    private final ReferralDrafts drafts;
    // Looked up once, when first needed, not on every turn (see DialogueTurnHandler).
    private final Supplier<@Nullable FaqSearch> faqSearch;
    private final Supplier<@Nullable FaqFeedback> faqFeedback;
    private final Supplier<@Nullable Referrals> referrals;
    private final Supplier<@Nullable Erasure> erasure;
    private final ApplicationEventPublisher events;

    DialogueActions(DialogueBook book, DialogueSettings settings, ObjectProvider<FaqSearch> faqSearch,
                    ObjectProvider<FaqFeedback> faqFeedback, ObjectProvider<Referrals> referrals,
                    ObjectProvider<Erasure> erasure, ApplicationEventPublisher events) {
        this.book = book;
        this.settings = settings;
        this.drafts = new ReferralDrafts(book);
        this.faqSearch = SingletonSupplier.of(faqSearch::getIfAvailable);
        this.faqFeedback = SingletonSupplier.of(faqFeedback::getIfAvailable);
        this.referrals = SingletonSupplier.of(referrals::getIfAvailable);
        this.erasure = SingletonSupplier.of(erasure::getIfAvailable);
        this.events = events;
    }

    void run(ActionName action, Slots slots, TurnWork work) {
        switch (action) {
            case FAQ_SEARCH -> searchFaq(slots, work);
            case REFERRAL_DRAFT -> {
                String preview = drafts.wordsPreview(slots);
                if (preview.isEmpty()) {
                    slots.remove(WORDS_PREVIEW);
                } else {
                    slots.set(WORDS_PREVIEW, preview);
                }
            }
            case REFERRAL_SUBMIT -> submit(slots, work);
            case CRISIS_HELP -> work.sendBlock("crisis-help");
            case REQUEST_DELETION -> erase(slots, work);
        }
    }

    /** 役に立った / ちがう: kept with the referral, and told to the FAQ so the city sees which entries help. */
    void recordFeedback(Slots slots, String entryId, boolean helpful) {
        if (!slots.values(FAQ_ENTRIES).contains(entryId)) {
            return;
        }
        List<String> kept = new ArrayList<>(slots.values(FAQ_FEEDBACK));
        kept.removeIf(f -> f.startsWith(entryId + ":"));
        kept.add(entryId + (helpful ? ":y" : ":n"));
        slots.remove(FAQ_FEEDBACK);
        kept.forEach(f -> slots.add(FAQ_FEEDBACK, f));
        FaqFeedback feedback = faqFeedback.get();
        if (feedback != null) {
            // Without a subject: which entries help is all the FAQ needs to learn, so the vote is not
            // linked to the resident, not even by their pseudonym.
            feedback.record(entryId, helpful, null);
        }
    }

    private void searchFaq(Slots slots, TurnWork work) {
        slots.remove(FAQ_ENTRIES);
        FaqSearch search = faqSearch.get();
        if (search == null) {
            slots.set(FAQ_RESULT, "unavailable");
            return;
        }
        List<String> query = new ArrayList<>(slots.values(ReferralSlots.WORDS));
        slots.values(ReferralSlots.TOPICS).forEach(topic -> query.add(book.topics().getOrDefault(topic, topic)));
        String words = String.join("\n", query).strip();
        if (words.isEmpty()) {
            slots.set(FAQ_RESULT, "empty");
            return;
        }
        FaqAnswer answer = search.search(words, settings.faqLimit());
        if (answer.nothingFits()) {
            slots.set(FAQ_RESULT, "nothing");
            return;
        }
        slots.set(FAQ_RESULT, "shown");
        List<Reply.Card> cards = new ArrayList<>();
        for (FaqHit hit : answer.hits()) {
            slots.add(FAQ_ENTRIES, hit.entry().id());
            cards.add(card(hit.entry(), work.language()));
        }
        work.showFaqCards(cards);
    }

    private Reply.Card card(FaqEntry entry, String language) {
        List<String> details = new ArrayList<>();
        details.add(entry.desk());
        FaqContact contact = entry.contact();
        if (contact.phone() != null) {
            details.add("☎ " + contact.phone());
        }
        if (contact.hours() != null && !contact.hours().isBlank()) {
            details.add(contact.hours());
        }
        if (contact.place() != null) {
            details.add(contact.place());
        }
        List<Reply.Choice> buttons = List.of();
        if (ChoiceData.feedback(entry.id(), true).length() <= 300) {
            buttons = List.of(
                    new Reply.Choice(book.common("faq-helpful", language), ChoiceData.feedback(entry.id(), true)),
                    new Reply.Choice(book.common("faq-not-helpful", language), ChoiceData.feedback(entry.id(), false)));
        }
        return new Reply.Card(entry.question(), entry.answer(), details, buttons);
    }

    /**
     * "データを消して", confirmed: with the privacy feature, everything about the resident is erased
     * now, in this turn's transaction (this conversation's row with it), and the answer says what a
     * desk had to keep and why; without it, the answers are forgotten and the deletion is asked for.
     */
    private void erase(Slots slots, TurnWork work) {
        slots.clearAnswers();
        events.publishEvent(new DataDeletionRequested(work.resident()));
        Erasure everything = erasure.get();
        if (everything == null) {
            slots.set(DELETION_RESULT, "requested");
            return;
        }
        List<ErasedData> report = everything.eraseEverythingAbout(work.resident().value());
        work.erased();
        slots.set(DELETION_RESULT, "erased");
        report.stream().filter(part -> part.kept() > 0 && !part.keptBecause().isBlank())
                .map(ErasedData::keptBecause).distinct()
                .forEach(reason -> slots.add(DELETION_KEPT, reason));
    }

    private void submit(Slots slots, TurnWork work) {
        Referrals desk = referrals.get();
        if (desk == null) {
            slots.set(REFERRAL_RESULT, "unavailable");
            return;
        }
        TicketReceipt receipt = desk.open(drafts.request(work.resident(), slots));
        // The ticket holds what the resident said now; the conversation need not keep it.
        slots.clearAnswersExcept(List.of());
        slots.set(REFERRAL_RESULT, "opened");
        slots.set(CASE_NUMBER, receipt.caseNumber());
        slots.set(DESK_NAME, receipt.deskName());
        slots.set(CONTACT_WHEN, receipt.whenToExpectContact());
    }
}
