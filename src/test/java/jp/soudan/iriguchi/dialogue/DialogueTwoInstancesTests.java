package jp.soudan.iriguchi.dialogue;

import static jp.soudan.iriguchi.dialogue.LineConversation.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.Referrals;
import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.FakeLineApi;

/**
 * Two instances on one PostgreSQL: a resident's events posted to each in turn make one
 * conversation, each turn applied once, ending in one referral.
 */
class DialogueTwoInstancesTests {

    private static final String SECRET = "dialogue-two-instances-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @Test
    void aConversationGoesOnAcrossTwoInstancesAndOpensOneReferral() {
        String database = EmbeddedPostgresDatabase.newDatabaseUrl();
        try (ConfigurableApplicationContext a = start(database); ConfigurableApplicationContext b = start(database)) {
            LineConversation resident = new LineConversation(fake, SECRET, BotUnderTest.port(a), BotUnderTest.port(b));
            LineConversation other = new LineConversation(fake, SECRET, BotUnderTest.port(b), BotUnderTest.port(a));

            resident.follow();
            other.follow();
            resident.tap("はじめる");
            other.tap("English");
            resident.tap("自分のこと");
            other.tap("Start");
            resident.tap("18〜39さい");
            other.tap("Me");
            resident.tap("仕事のこと");
            resident.tap("住まいのこと");
            resident.say("家賃が払えず、仕事も探しています");
            assertThat(read(other.tap("Skip"))).startsWith("What is troubling you?");
            resident.tap("次へ");
            resident.tap("つないでほしい");
            resident.tap("電話で");
            resident.tap("とばす");
            for (int i = 0; i < 4; i++) {
                resident.tap("とばす");
            }
            resident.tap("この内容で送る");

            String subject = a.getBean(Pseudonyms.class).subjectOf(resident.userId());
            assertThat(b.getBean(Pseudonyms.class).subjectOf(resident.userId())).as("one key for both").isEqualTo(subject);
            List<ReferralRequest> requests = new ArrayList<>();
            requests.addAll(DialogueTestBeans.requestsOf(a.getBean(Referrals.class), subject));
            requests.addAll(DialogueTestBeans.requestsOf(b.getBean(Referrals.class), subject));
            assertThat(requests).singleElement().satisfies(request -> {
                assertThat(request.topics()).containsExactly("employment", "housing");
                assertThat(request.residentWords()).isEqualTo("家賃が払えず、仕事も探しています");
                assertThat(request.contact().method()).isEqualTo(ReferralRequest.ContactMethod.PHONE);
            });
            assertThat(resident.answers()).as("one answer per event").hasSize(16);
            assertThat(fake.pushes()).isEmpty();
            fake.assertNoViolations();
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class, DialogueTestBeans.class}, fake, SECRET,
                database, "spring.datasource.username=postgres", "spring.datasource.password=", "faq.reload-interval=0");
    }
}
