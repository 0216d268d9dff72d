package jp.soudan.iriguchi.safety;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import jp.soudan.iriguchi.dialogue.Screening;
import jp.soudan.iriguchi.dialogue.TurnScreen;
import jp.soudan.iriguchi.line.Inbound;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.Turn;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.Referrals;
import jp.soudan.iriguchi.referral.TicketReceipt;

/**
 * The safety check on every text, in every state of the conversation and during a staff
 * handoff: a message that signals risk to life gets the crisis reply at once and an urgent ticket.
 *
 * <p>The urgent ticket carries the resident's words to the desk even though the resident has not
 * been asked for consent yet: protecting a life is the case the law makes for sharing without
 * consent (個人情報保護法 第27条第1項第2号), and a desk that must act cannot act on nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CrisisScreen implements TurnScreen {

    private static final Logger log = LoggerFactory.getLogger(CrisisScreen.class);

    private final CrisisDetector detector;
    private final CrisisReplies replies;
    private final ObjectProvider<Referrals> referrals;
    private final SafetyMetrics metrics;

    CrisisScreen(CrisisDetector detector, CrisisReplies replies, ObjectProvider<Referrals> referrals,
                 SafetyMetrics metrics) {
        this.detector = detector;
        this.replies = replies;
        this.referrals = referrals;
        this.metrics = metrics;
    }

    @Override
    public Screening screen(Turn turn) {
        if (!(turn.what() instanceof Inbound.Text text)) {
            return Screening.clear();
        }
        CrisisAssessment assessment = detector.assess(text.text());
        if (!assessment.isCrisis()) {
            return Screening.clear();
        }
        log.info("Crisis detected ({}); answering with the crisis reply and opening an urgent ticket", assessment.kinds());
        String whenAPersonWillRead = openUrgentTicket(turn, text, assessment);
        metrics.crisisDetected(assessment, whenAPersonWillRead != null);
        CrisisReply reply = replies.replyTo(assessment, whenAPersonWillRead);
        return Screening.crisis(List.of(new Reply.Text(reply.text())));
    }

    private String openUrgentTicket(Turn turn, Inbound.Text words, CrisisAssessment assessment) {
        Referrals desk = referrals.getIfAvailable();
        if (desk == null) {
            log.error("A crisis was detected but no referral feature is running: no urgent ticket was opened");
            return null;
        }
        TicketReceipt receipt = desk.open(new ReferralRequest(
                turn.resident(),
                ReferralRequest.AboutWhom.UNKNOWN,
                topicsOf(assessment.kinds()),
                words.text(),
                null,
                List.of(),
                ReferralRequest.Urgency.URGENT,
                "crisis:" + assessment.kinds().stream().map(CrisisKind::name).collect(Collectors.joining(",")),
                ReferralRequest.ContactPreferences.lineOnly(),
                new ReferralRequest.Consent(true, false),
                null,
                List.of(new ReferralRequest.ResidentMessage(words.messageId(), words.text()))));
        return "相談員にもすぐに伝えました（受付番号 " + receipt.caseNumber() + "）。" + receipt.deskName() + "の相談員から、"
                + receipt.whenToExpectContact() + "連絡があります。";
    }

    private static List<String> topicsOf(Set<CrisisKind> kinds) {
        Set<String> topics = new LinkedHashSet<>();
        for (CrisisKind kind : kinds) {
            topics.add(switch (kind) {
                case SUICIDE_SELF_HARM -> "mental-health";
                case VIOLENCE_DV, CHILD_ABUSE_NEGLECT -> "abuse-dv";
                case IMMEDIATE_DANGER -> "where-to-start";
            });
        }
        return List.copyOf(topics);
    }
}
