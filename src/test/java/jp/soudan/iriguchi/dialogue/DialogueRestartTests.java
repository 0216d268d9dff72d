package jp.soudan.iriguchi.dialogue;

import static jp.soudan.iriguchi.dialogue.LineConversation.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.referral.Referrals;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.FakeLineApi;

/**
 * A conversation survives a restart: stopped in the middle, the bot started again on the same
 * database goes on from where the resident was, with what they had answered.
 */
class DialogueRestartTests {

    private static final String SECRET = "dialogue-restart-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @TempDir
    Path data;

    @Test
    void aConversationStoppedInTheMiddleGoesOnAfterARestart() {
        LineConversation resident;
        try (ConfigurableApplicationContext before = start()) {
            resident = new LineConversation(fake, SECRET, BotUnderTest.port(before));
            resident.follow();
            resident.tap("はじめる");
            resident.tap("近所の気になる人");
        }

        try (ConfigurableApplicationContext after = start()) {
            resident.at(BotUnderTest.port(after));
            assertThat(read(resident.tap("65さい以上"))).startsWith("どんなことで困っていますか？");
            resident.tap("次へ");
            resident.tap("つないでほしい");
            resident.tap("このLINEで");
            for (int i = 0; i < 4; i++) {
                resident.tap("とばす");
            }
            assertThat(read(resident.last())).contains("・だれのこと：近所の気になる人", "・年齢：65さい以上");
            resident.tap("この内容で送る");

            assertThat(DialogueTestBeans.requestsOf(after.getBean(Referrals.class),
                    after.getBean(Pseudonyms.class).subjectOf(resident.userId())))
                    .singleElement().satisfies(request -> assertThat(request.aboutWhom())
                            .isEqualTo(jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom.NEIGHBOUR));
            fake.assertNoViolations();
        }
    }

    private ConfigurableApplicationContext start() {
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class, DialogueTestBeans.class}, fake, SECRET,
                "jdbc:h2:file:" + data.resolve("restart") + ";DB_CLOSE_ON_EXIT=FALSE", "faq.reload-interval=0");
    }

}
