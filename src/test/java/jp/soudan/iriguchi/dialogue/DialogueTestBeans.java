package jp.soudan.iriguchi.dialogue;

import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import jp.soudan.iriguchi.faq.FaqSearch;
import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.Referrals;

/**
 * For Spring Boot tests of the dialogue: a referral desk that records what it is asked (the
 * referral feature is built elsewhere) and a FAQ with fixed answers, so that the conversation's
 * path does not depend on the sample FAQ's content.
 */
@TestConfiguration(proxyBeanMethods = false)
class DialogueTestBeans {

    @Bean
    TestDoubles.RecordingReferrals recordingReferrals() {
        return new TestDoubles.RecordingReferrals();
    }

    @Bean
    @Primary
    FaqSearch scriptedFaq() {
        return new TestDoubles.ScriptedFaq();
    }

    /** The requests opened for one resident, by their subject (the pseudonym of their LINE user id). */
    static List<ReferralRequest> requestsOf(Referrals referrals, String subject) {
        return ((TestDoubles.RecordingReferrals) referrals).requests.stream()
                .filter(r -> r.resident().equals(new ResidentId(subject))).toList();
    }
}
