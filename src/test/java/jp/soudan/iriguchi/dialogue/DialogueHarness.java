package jp.soudan.iriguchi.dialogue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import jp.soudan.iriguchi.faq.FaqFeedback;
import jp.soudan.iriguchi.faq.FaqSearch;
import jp.soudan.iriguchi.line.Inbound;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.line.Turn;
import jp.soudan.iriguchi.line.TurnHandler;
import jp.soudan.iriguchi.privacy.Erasure;
import jp.soudan.iriguchi.referral.Handoffs;
import jp.soudan.iriguchi.referral.Referrals;

/**
 * The dialogue without Spring Boot: the shipped (or given) files, an in-memory H2 database migrated
 * by Flyway, a clock the test moves, and test doubles for the features the dialogue talks to.
 * For fast tests that call the {@link TurnHandler} directly.
 */
final class DialogueHarness {

    final DialogueBook book;
    final JdbcClient jdbc;
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T01:00:00Z"));
    final TestDoubles.RecordingReferrals referrals = new TestDoubles.RecordingReferrals();
    final TestDoubles.ScriptedFaq faq = new TestDoubles.ScriptedFaq();
    final TestDoubles.RecordingFaqFeedback faqFeedback = new TestDoubles.RecordingFaqFeedback();
    final TestDoubles.SwitchableHandoffs handoffs = new TestDoubles.SwitchableHandoffs();
    final TestDoubles.KeywordScreen screen = new TestDoubles.KeywordScreen();
    final List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    final TurnHandler handler;
    private final AtomicLong messageIds = new AtomicLong(100);

    final TestDoubles.RecordingErasure erasure;

    /** With every optional feature present. */
    DialogueHarness() {
        this(Path.of("dialogues"), true, true, true);
    }

    DialogueHarness(Path dialogues, boolean withFaq, boolean withReferrals, boolean withErasure) {
        DialogueSettings settings = new DialogueSettings(dialogues, Path.of("topics.yaml"), Duration.ofHours(24), 3, "0000-11-1100");
        this.book = DialogueFiles.load(settings.directory(), settings.topicsFile());
        String url = "jdbc:h2:mem:dialogue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.erasure = new TestDoubles.RecordingErasure(new ConversationRetention(jdbc));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (withErasure) {
            beans.registerSingleton("erasure", erasure);
        }
        if (withFaq) {
            beans.registerSingleton("faq", faq);
            beans.registerSingleton("faqFeedback", faqFeedback);
        }
        if (withReferrals) {
            beans.registerSingleton("referrals", referrals);
        }
        beans.registerSingleton("handoffs", handoffs);
        beans.registerSingleton("screen", screen);
        ApplicationEventPublisher publisher = new ApplicationEventPublisher() {
            @Override
            public void publishEvent(ApplicationEvent event) {
                events.add(event);
            }

            @Override
            public void publishEvent(Object event) {
                events.add(event);
            }
        };
        DialogueActions actions = new DialogueActions(book, settings, beans.getBeanProvider(FaqSearch.class),
                beans.getBeanProvider(FaqFeedback.class), beans.getBeanProvider(Referrals.class),
                beans.getBeanProvider(Erasure.class), publisher);
        this.handler = new DialogueTurnHandler(book, settings, new ConversationStore(jdbc, clock, new TestDoubles.ReversibleCipher()),
                actions, clock,
                beans.getBeanProvider(Handoffs.class), beans.getBeanProvider(TurnScreen.class),
                beans.getBeanProvider(jp.soudan.iriguchi.referral.FollowUps.class),
                beans.getBeanProvider(jp.soudan.iriguchi.referral.UnsentMessages.class));
    }

    /** Forgets what the doubles recorded (conversations stay: every test has its own resident). */
    void reset() {
        referrals.requests.clear();
        faq.queries.clear();
        faqFeedback.recorded.clear();
        handoffs.active.clear();
        handoffs.written.clear();
        erasure.subjects.clear();
        events.clear();
    }

    List<Reply> say(ResidentId resident, String text) {
        return turn(resident, new Inbound.Text(Long.toString(messageIds.incrementAndGet()), text));
    }

    List<Reply> tap(ResidentId resident, String data) {
        return turn(resident, new Inbound.ChoiceTapped(data));
    }

    List<Reply> turn(ResidentId resident, Inbound what) {
        clock.advance(Duration.ofSeconds(5));
        return handler.handle(new Turn(resident, UUID.randomUUID().toString(), clock.instant(), what));
    }

    /** Taps the choice with this label on the last message of {@code replies}. */
    List<Reply> choose(ResidentId resident, List<Reply> replies, String label) {
        return tap(resident, dataOf(replies, label));
    }

    static String dataOf(List<Reply> replies, String label) {
        for (Reply reply : replies) {
            for (Reply.Choice choice : reply.choices()) {
                if (choice.label().equals(label)) {
                    return choice.data();
                }
            }
            if (reply instanceof Reply.Cards cards) {
                for (Reply.Card card : cards.cards()) {
                    for (Reply.Choice button : card.buttons()) {
                        if (button.label().equals(label)) {
                            return button.data();
                        }
                    }
                }
            }
        }
        throw new AssertionError("no choice '" + label + "' in " + labels(replies));
    }

    static List<String> labels(List<Reply> replies) {
        return replies.isEmpty() ? List.of() : replies.getLast().choices().stream().map(Reply.Choice::label).toList();
    }

    static String text(List<Reply> replies) {
        StringBuilder all = new StringBuilder();
        for (Reply reply : replies) {
            switch (reply) {
                case Reply.Text text -> all.append(text.text()).append('\n');
                case Reply.Cards cards -> cards.cards().forEach(c -> all.append("[").append(c.title()).append("]\n"));
            }
        }
        return all.toString();
    }

    String state(ResidentId resident) {
        return jdbc.sql("SELECT state FROM dialogue_conversation WHERE resident_key = :key")
                .param("key", resident.value()).query(String.class).optional().orElse("(none)");
    }

    Slots slots(ResidentId resident) {
        return jdbc.sql("SELECT slots FROM dialogue_conversation WHERE resident_key = :key")
                .param("key", resident.value()).query(String.class).optional()
                .map(sealed -> Slots.fromJson(new TestDoubles.ReversibleCipher().open(sealed, ConversationStore.SLOTS_PURPOSE)))
                .orElseGet(Slots::new);
    }

    /** The slots as stored, sealed. */
    String storedSlots(ResidentId resident) {
        return jdbc.sql("SELECT slots FROM dialogue_conversation WHERE resident_key = :key")
                .param("key", resident.value()).query(String.class).single();
    }

    static ResidentId newResident() {
        return new ResidentId("U" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Tokyo");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
