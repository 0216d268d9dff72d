package jp.soudan.iriguchi.dialogue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

import jp.soudan.iriguchi.line.Inbound;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.line.Turn;
import jp.soudan.iriguchi.line.TurnHandler;
import jp.soudan.iriguchi.referral.FollowUps;
import jp.soudan.iriguchi.referral.Handoffs;
import jp.soudan.iriguchi.referral.UnsentMessages;

/**
 * The conversation: answers each turn from the dialogue files. Restores the resident's
 * conversation, reads what they did, moves the state machine, and stores the result in the
 * caller's transaction.
 *
 * <p>Kept outside the state machine, because they are about reading input rather than about the
 * conversation's shape: matching typed words to commands and choices, telling a stale tap from a
 * current one, the kind answers to stickers and misses (which leave the state as it is), the idle
 * check, handoff, and the first contact.
 */
final class DialogueTurnHandler implements TurnHandler {

    private static final Logger log = LoggerFactory.getLogger(DialogueTurnHandler.class);

    private final DialogueBook book;
    private final DialogueSettings settings;
    private final ConversationStore store;
    private final DialogueMachines machines;
    private final Prompts prompts;
    private final InputReader reader;
    private final Clock clock;
    // Looked up once, on the first turn: a lookup in the bean factory on every turn cost ~3 % of the
    // bot's CPU under load (bench/results.md, session 6).
    private final Supplier<@Nullable Handoffs> handoffs;
    private final Supplier<List<TurnScreen>> screens;
    private final Supplier<@Nullable FollowUps> followUps;
    private final Supplier<@Nullable UnsentMessages> unsentMessages;

    DialogueTurnHandler(DialogueBook book, DialogueSettings settings, ConversationStore store, DialogueActions actions,
                        Clock clock, ObjectProvider<Handoffs> handoffs, ObjectProvider<TurnScreen> screens,
                        ObjectProvider<FollowUps> followUps, ObjectProvider<UnsentMessages> unsentMessages) {
        this.book = book;
        this.settings = settings;
        this.store = store;
        this.machines = new DialogueMachines(book, actions);
        this.prompts = new Prompts(book, settings);
        this.reader = new InputReader(book);
        this.clock = clock;
        this.handoffs = SingletonSupplier.of(handoffs::getIfAvailable);
        this.screens = SingletonSupplier.of(() -> screens.orderedStream().toList());
        this.followUps = SingletonSupplier.of(followUps::getIfAvailable);
        this.unsentMessages = SingletonSupplier.of(unsentMessages::getIfAvailable);
    }

    @Override
    public List<Reply> handle(Turn turn) {
        ResidentId resident = turn.resident();
        Optional<Conversation> stored = store.find(resident);
        switch (turn.what()) {
            case Inbound.Unfollowed unfollowed -> {
                return List.of();
            }
            case Inbound.Unsent unsent -> {
                stored.ifPresent(conversation -> forget(conversation, unsent.messageId()));
                // Words that already reached a ticket (intake, handoff, a crisis) leave it too.
                Optional.ofNullable(unsentMessages.get()).ifPresent(tickets -> tickets.residentUnsent(resident, unsent.messageId()));
                return List.of();
            }
            default -> {
            }
        }
        List<Reply> replies = new ArrayList<>();
        boolean crisis = false;
        for (TurnScreen screen : screens.get()) {
            Screening screening = screen.screen(turn);
            replies.addAll(screening.replies());
            crisis |= screening.crisis();
        }
        FollowUps followUp = followUps.get();
        if (followUp != null && turn.what() instanceof Inbound.ChoiceTapped tapped && followUp.handles(tapped.data())) {
            // The answer to 「つながれましたか？」 after a closed ticket belongs to the ticket, not the intake.
            replies.add(followUp.answer(resident, tapped.data()));
            return replies;
        }
        Handoffs handoff = handoffs.get();
        if (handoff != null && handoff.isActive(resident)) {
            if (turn.what() instanceof Inbound.Text text) {
                handoff.residentWrote(resident, text.messageId(), text.text(), turn.at());
            }
            return replies;
        }
        Conversation conversation = stored.map(this::valid).orElseGet(() -> store.fresh(resident, book.start()));
        Step step = new Step(conversation, turn);
        replies.addAll(crisis ? step.fire(DialogueMachines.engineEvent(DialogueBook.CRISIS), List.of()) : step.answer());
        if (step.erased) {
            // Everything about the resident is gone, this conversation too: their next message starts afresh.
            store.delete(resident);
        } else {
            store.save(conversation, step.state, step.slots);
        }
        return ReplyPacking.fit(replies);
    }

    private void forget(Conversation conversation, String messageId) {
        Slots slots = conversation.slots().copy();
        if (slots.forgetMessage(messageId)) {
            store.save(conversation, conversation.state(), slots);
        }
    }

    /** A stored state that the files no longer have (they were edited) restarts the conversation. */
    private Conversation valid(Conversation stored) {
        StateSpec state = book.states().get(stored.state());
        if (state != null && !state.decides()) {
            return stored;
        }
        log.warn("A conversation was in a state the dialogue files no longer have; it starts over");
        Slots slots = stored.slots().copy();
        slots.clearAnswers();
        return new Conversation(stored.resident(), book.start(), slots, stored.version(), stored.startedAt(), stored.lastActiveAt());
    }

    /** One turn of one conversation. */
    private final class Step {

        private final Conversation conversation;
        private final Turn turn;
        private String state;
        private final Slots slots;
        private boolean erased;

        Step(Conversation conversation, Turn turn) {
            this.conversation = conversation;
            this.turn = turn;
            this.state = conversation.state();
            this.slots = conversation.slots().copy();
        }

        List<Reply> answer() {
            if (conversation.version() == 0) {
                return firstContact();
            }
            if (turn.what() instanceof Inbound.Followed) {
                // Friends again (after a block): a fresh start, in the language they chose before.
                slots.clearAnswers();
                state = book.start();
                return prompts.say(spec(), slots, language(), work());
            }
            if (idle()) {
                return fire(DialogueMachines.engineEvent(DialogueBook.IDLE), List.of());
            }
            Input input = reader.read(turn.what(), spec(), slots);
            return switch (input) {
                case Input.Command command -> fire(DialogueMachines.commandEvent(command.command().name()), List.of());
                case Input.Choice choice -> fire(DialogueMachines.choiceEvent(choice.choiceId()), List.of());
                case Input.FreeText text -> fire(DialogueMachines.TEXT_EVENT, List.of(), work().withText(text.text(), text.messageId()));
                case Input.Miss miss -> miss(miss);
                case Input.Media media -> askAgain(prompts.common(media.kind() == Inbound.MediaKind.STICKER ? "sticker" : "media",
                        slots, language()));
                case Input.Stale stale -> askAgain(prompts.common("stale", slots, language()));
                case Input.Feedback feedback -> slots.values(DialogueActions.FAQ_ENTRIES).contains(feedback.entryId())
                        ? fire(DialogueMachines.FEEDBACK_EVENT, List.of(prompts.common("feedback-thanks", slots, language())),
                                work().withFeedback(feedback.entryId(), feedback.helpful()))
                        : askAgain(prompts.common("stale", slots, language()));
            };
        }

        private List<Reply> firstContact() {
            List<Reply> first = new ArrayList<>();
            if (turn.what() instanceof Inbound.Text text) {
                Optional<CommandSpec> command = reader.command(text.text());
                if (command.isPresent() && command.get().language() != null) {
                    slots.set(Slots.LANGUAGE, command.get().language());
                } else if (command.isEmpty() && !text.text().isBlank()) {
                    // Their first words are kept as what troubles them, and acknowledged.
                    slots.setFromMessage(ReferralSlots.WORDS, text.text(), text.messageId(), true);
                    first.add(prompts.common("first-words", slots, language()));
                }
            }
            state = book.start();
            first.addAll(prompts.say(spec(), slots, language(), work()));
            return first;
        }

        private List<Reply> miss(Input.Miss miss) {
            if (!miss.text().isBlank()) {
                slots.setFromMessage(ReferralSlots.WORDS, miss.text(), miss.messageId(), true);
            }
            int misses = slots.misses() + 1;
            if (misses >= book.missesBeforeOffer()) {
                slots.remove(Slots.MISSES);
                return fire(DialogueMachines.engineEvent(DialogueBook.MISSES), List.of());
            }
            slots.set(Slots.MISSES, Integer.toString(misses));
            return askAgain(prompts.common("miss", slots, language()));
        }

        private List<Reply> askAgain(Reply.Text first) {
            List<Reply> replies = new ArrayList<>();
            replies.add(first);
            replies.addAll(prompts.again(spec(), slots, language(), work()));
            return replies;
        }

        List<Reply> fire(String event, List<Reply> first) {
            return fire(event, first, work());
        }

        private List<Reply> fire(String event, List<Reply> first, TurnWork work) {
            String before = state;
            String languageBefore = language();
            DialogueMachines.Outcome outcome = machines.send(state, slots, event, work);
            erased |= work.wasErased();
            if (!outcome.accepted()) {
                log.warn("The dialogue machine did not take an event in a state that offers it; asking again");
                return askAgain(prompts.common("stale", slots, language()));
            }
            state = outcome.state();
            List<Reply> replies = new ArrayList<>(first);
            for (String block : work.blocks()) {
                replies.addAll(prompts.block(block, slots, language()));
            }
            boolean moved = !state.equals(before);
            if (moved) {
                slots.remove(Slots.MISSES);
            }
            if (moved || !language().equals(languageBefore)) {
                replies.addAll(prompts.say(spec(), slots, language(), work));
            } else {
                replies.addAll(prompts.again(spec(), slots, language(), work));
            }
            return replies;
        }

        private boolean idle() {
            StateSpec current = spec();
            return !current.resting() && !state.equals(book.start()) && !state.equals(book.events().get(DialogueBook.IDLE))
                    && Duration.between(conversation.lastActiveAt(), clock.instant()).compareTo(settings.idleAfter()) > 0;
        }

        private StateSpec spec() {
            return book.state(state);
        }

        private String language() {
            return slots.language(book.defaultLanguage());
        }

        private TurnWork work() {
            return new TurnWork(turn.resident(), language());
        }
    }
}
