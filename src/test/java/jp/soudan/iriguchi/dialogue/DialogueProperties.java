package jp.soudan.iriguchi.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jp.soudan.iriguchi.line.Inbound;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Random residents doing random things (texts of every kind, taps on current, old and made-up
 * buttons, stickers, images, follows, unsends, long silences) to the shipped dialogue: every event
 * that can be answered is answered, within LINE's limits; every conversation is always in a state
 * the files have; nothing is logged as an error.
 */
class DialogueProperties {

    private static final DialogueHarness h = new DialogueHarness();
    private static final ListAppender<ILoggingEvent> log = new ListAppender<>();

    static {
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    /** Words a resident might type: commands, labels, skip words, their own words, nonsense. */
    private static final List<String> TEXTS = List.of(
            "最初から", "やめる", "人と話したい", "相談員と話したい", "データを消して", "ヘルプ", "English", "やさしいにほんご",
            "日本語", "はじめる", "家族", "家族のこと", "とばす", "skip", "次へ", "この内容で送る", "消してほしい", "続ける",
            "母の介護がつらい", "お世話で学校に行けない", "お金がありません", "090-1234-5678", "北中学校区", "？？？", "",
            "   ", "a".repeat(300), "死にたい", "{case_number}", "c:welcome:start", "はい", "いいえ", "🙂");

    @BeforeTry
    void forgetTheLastTry() {
        h.reset();
        log.list.clear();
    }

    @Property(tries = 200)
    void everyEventIsAnsweredAndEveryConversationStaysInAStateOfTheFiles(@ForAll("scripts") List<Act> script,
                                                                          @ForAll("starts") List<Start> starts) {
        List<ResidentId> residents = List.of(DialogueHarness.newResident(), DialogueHarness.newResident());
        Map<ResidentId, List<List<Reply>>> seen = new HashMap<>();
        residents.forEach(r -> seen.put(r, new ArrayList<>()));
        for (int i = 0; i < residents.size(); i++) {
            starts.get(i).store(residents.get(i), seen.get(residents.get(i)));
        }
        int messageId = 0;

        for (Act act : script) {
            ResidentId resident = residents.get(act.resident());
            List<List<Reply>> history = seen.get(resident);
            Inbound what = switch (act.kind()) {
                case TEXT -> new Inbound.Text("m" + messageId++, TEXTS.get(act.pick() % TEXTS.size()));
                case TAP_CURRENT -> tap(history.isEmpty() ? List.of() : history.getLast(), act.pick());
                case TAP_OLD -> tap(history.isEmpty() ? List.of() : history.get(act.pick() % history.size()), act.pick() / 7);
                case TAP_MADE_UP -> new Inbound.ChoiceTapped(List.of("c:nowhere:x", "g:nothing", "f:no-entry:y", "c::", "x")
                        .get(act.pick() % 5));
                case STICKER -> new Inbound.Media(Inbound.MediaKind.STICKER);
                case IMAGE -> new Inbound.Media(Inbound.MediaKind.IMAGE);
                case FOLLOW -> new Inbound.Followed();
                case UNSEND -> new Inbound.Unsent("m" + (act.pick() % Math.max(1, messageId)));
                case SILENCE -> {
                    h.clock.advance(Duration.ofHours(25));
                    yield new Inbound.Text("m" + messageId++, "こんにちは");
                }
            };

            List<Reply> replies = h.turn(resident, what);

            if (what instanceof Inbound.Unsent) {
                assertThat(replies).isEmpty();
            } else {
                assertThat(replies).as("an answer to %s", what).isNotEmpty().hasSizeLessThanOrEqualTo(ReplyPacking.MAX_MESSAGES);
                history.add(replies);
            }
            String state = h.state(resident);
            if (history.isEmpty()) {
                assertThat(state).as("only an unsend so far: no conversation").isEqualTo("(none)");
                continue;
            }
            if (state.equals("(none)")) {
                assertThat(h.erasure.subjects).as("a conversation is gone only when the resident had it erased")
                        .contains(resident.value());
                continue;
            }
            assertThat(h.book.states().keySet()).contains(state);
            assertThat(h.book.state(state).decides()).as("%s is a state that waits", state).isFalse();
        }
        assertThat(log.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
    }

    private static Inbound tap(List<Reply> replies, int pick) {
        List<String> data = new ArrayList<>();
        for (Reply reply : replies) {
            reply.choices().forEach(c -> data.add(c.data()));
            if (reply instanceof Reply.Cards cards) {
                cards.cards().forEach(card -> card.buttons().forEach(b -> data.add(b.data())));
            }
        }
        if (data.isEmpty()) {
            return new Inbound.ChoiceTapped("c:welcome:start");
        }
        // A third of the taps take the last choice (often "next" or "skip"), to get deep into the files.
        return new Inbound.ChoiceTapped(pick % 3 == 0 ? data.getLast() : data.get(pick / 3 % data.size()));
    }

    /**
     * Where a resident's conversation already is when the script begins (deep states are rarely
     * reached by random taps from the start).
     *
     * @param state a waiting state, or null for no conversation yet
     * @param language the resident's language
     * @param returnTo where "back" leads
     */
    record Start(String state, String language, String returnTo) {

        void store(ResidentId resident, List<List<Reply>> history) {
            if (state == null) {
                return;
            }
            Slots slots = new Slots();
            slots.set(Slots.LANGUAGE, language);
            slots.set(Slots.RETURN_TO, returnTo);
            slots.add(DialogueActions.FAQ_ENTRIES, TestDoubles.ScriptedFaq.CARE.id());
            slots.append(ReferralSlots.WORDS, "前に書いたこと");
            h.jdbc.sql("""
                    INSERT INTO dialogue_conversation (resident_key, state, slots, version, started_at, last_active_at)
                    VALUES (:key, :state, :slots, 1, :now, :now)
                    """)
                    .param("key", resident.value()).param("state", state).param("slots", slots.toJson())
                    .param("now", java.time.OffsetDateTime.now(h.clock))
                    .update();
            history.add(List.of());
        }
    }

    @Provide
    Arbitrary<List<Start>> starts() {
        List<String> waiting = h.book.states().values().stream().filter(s -> !s.decides()).map(StateSpec::id).toList();
        Arbitrary<String> state = Arbitraries.of(waiting).injectNull(0.25);
        Arbitrary<Start> start = Combinators.combine(state, Arbitraries.of(h.book.languages()), Arbitraries.of(waiting))
                .as(Start::new);
        return start.list().ofSize(2);
    }

    enum Kind { TEXT, TAP_CURRENT, TAP_OLD, TAP_MADE_UP, STICKER, IMAGE, FOLLOW, UNSEND, SILENCE }

    /**
     * @param resident which of two residents acts
     * @param kind what they do
     * @param pick which text or button
     */
    record Act(int resident, Kind kind, int pick) {
    }

    @Provide
    Arbitrary<List<Act>> scripts() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(5, Kind.TEXT), net.jqwik.api.Tuple.of(24, Kind.TAP_CURRENT),
                net.jqwik.api.Tuple.of(2, Kind.TAP_OLD), net.jqwik.api.Tuple.of(1, Kind.TAP_MADE_UP),
                net.jqwik.api.Tuple.of(1, Kind.STICKER), net.jqwik.api.Tuple.of(1, Kind.IMAGE),
                net.jqwik.api.Tuple.of(1, Kind.FOLLOW), net.jqwik.api.Tuple.of(1, Kind.UNSEND),
                net.jqwik.api.Tuple.of(1, Kind.SILENCE));
        Arbitrary<Act> acts = Combinators.combine(Arbitraries.integers().between(0, 1), kinds,
                Arbitraries.integers().between(0, 10_000)).as(Act::new);
        return acts.list().ofMinSize(1).ofMaxSize(20);
    }
}
