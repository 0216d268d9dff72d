package jp.soudan.iriguchi.dialogue;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.soudan.iriguchi.faq.FaqFeedback;
import jp.soudan.iriguchi.faq.FaqSearch;
import jp.soudan.iriguchi.line.TurnHandler;
import jp.soudan.iriguchi.privacy.ContentCipher;
import jp.soudan.iriguchi.privacy.Erasure;
import jp.soudan.iriguchi.privacy.PersonalData;
import jp.soudan.iriguchi.referral.Handoffs;
import jp.soudan.iriguchi.referral.UnsentMessages;
import jp.soudan.iriguchi.referral.FollowUps;
import jp.soudan.iriguchi.referral.Referrals;

/**
 * The dialogue's wiring. The files are loaded and checked here, at start-up: a mistake stops the
 * application with every problem's file and line.
 *
 * <p>The FAQ, the referral, handoff, erasure and the safety screen are optional ({@link ObjectProvider}): the
 * conversation runs without them and says honestly what it cannot do.
 */
@Configuration(proxyBeanMethods = false)
class DialogueConfiguration {

    @Bean
    DialogueBook dialogueBook(DialogueSettings settings) {
        return DialogueFiles.load(settings.directory(), settings.topicsFile());
    }

    @Bean
    TurnHandler dialogueTurnHandler(DialogueBook book, DialogueSettings settings, JdbcClient jdbc, Clock clock,
                                    ContentCipher cipher, ObjectProvider<FaqSearch> faqSearch,
                                    ObjectProvider<FaqFeedback> faqFeedback, ObjectProvider<Referrals> referrals,
                                    ObjectProvider<Erasure> erasure, ObjectProvider<Handoffs> handoffs,
                                    ObjectProvider<TurnScreen> screens, ObjectProvider<FollowUps> followUps,
                                    ObjectProvider<UnsentMessages> unsentMessages, ApplicationEventPublisher events) {
        DialogueActions actions = new DialogueActions(book, settings, faqSearch, faqFeedback, referrals, erasure, events);
        return new DialogueTurnHandler(book, settings, new ConversationStore(jdbc, clock, cipher), actions, clock, handoffs,
                screens, followUps, unsentMessages);
    }

    /** Conversations under the retention policy and "データを消して" ({@code dialogue.conversations}). */
    @Bean
    PersonalData dialogueConversations(JdbcClient jdbc) {
        return new ConversationRetention(jdbc);
    }
}
