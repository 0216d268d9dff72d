package jp.soudan.iriguchi.referral;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

import jp.soudan.iriguchi.referral.DeskDirectory.DeskEntry;
import jp.soudan.iriguchi.referral.NotificationOutbox.Channel;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/**
 * Tells a desk that a ticket needs it: a mail to each of its addresses and a JSON notice to its
 * webhook, stored in the outbox with the ticket and sent right after commit.
 *
 * <p>What a notice may say is deliberately little: the case number, the urgency, the desk and a
 * link to the console. Mail passes through servers the city does not control, and a chat bridge
 * shows its text to everyone in the channel, so nothing a resident wrote (nor why a ticket is
 * urgent) ever goes into one.
 */
@Component
class DeskNotifications {

    private static final Logger log = LoggerFactory.getLogger(DeskNotifications.class);

    enum Reason {
        OPENED("新しい相談が届きました", "ticket.opened"),
        RAISED_TO_URGENT("相談が「至急」になりました", "ticket.urgent"),
        TRANSFERRED("相談が転送されてきました", "ticket.transferred"),
        FOLLOW_UP_NOT_CONNECTED("相談者から「まだつながっていない」と返事がありました", "ticket.follow-up-not-connected");

        private final String headline;
        private final String event;

        Reason(String headline, String event) {
            this.headline = headline;
            this.event = event;
        }
    }

    private final NotificationOutbox outbox;
    private final NotificationDelivery delivery;
    private final ReferralSettings settings;
    private final boolean mailConfigured;
    private final JsonMapper json = JsonMapper.builder().build();

    DeskNotifications(NotificationOutbox outbox, NotificationDelivery delivery, ReferralSettings settings,
                      ObjectProvider<MailSender> mail) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.settings = settings;
        this.mailConfigured = mail.getIfAvailable() != null;
        if (!mailConfigured) {
            log.info("No mail server configured (spring.mail.host): desks are notified by webhook and in the console only");
        }
    }

    /** Queues the notices in the caller's transaction; they are sent right after it commits. */
    void notify(DeskEntry desk, String caseNumber, Urgency urgency, Reason reason) {
        String subject = subject(desk, caseNumber, urgency, reason);
        if (mailConfigured) {
            for (String address : desk.mail()) {
                outbox.enqueue(Channel.MAIL, address, subject, mailBody(desk, caseNumber, urgency, reason));
            }
        }
        if (desk.webhook() != null) {
            outbox.enqueue(Channel.WEBHOOK, desk.webhook().toString(), subject, webhookBody(desk, caseNumber, urgency, reason, subject));
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delivery.wake();
                }
            });
        } else {
            delivery.wake();
        }
    }

    static String urgencyLabel(Urgency urgency) {
        return switch (urgency) {
            case URGENT -> "至急";
            case SOON -> "早めに";
            case NORMAL -> "通常";
        };
    }

    private static String subject(DeskEntry desk, String caseNumber, Urgency urgency, Reason reason) {
        String mark = urgency == Urgency.NORMAL ? "" : "【" + urgencyLabel(urgency) + "】";
        return mark + reason.headline + " " + caseNumber + "（" + desk.name() + "）";
    }

    private String link(String caseNumber) {
        String base = settings.consoleUrl();
        return (base.endsWith("/") ? base : base + "/") + "tickets/" + caseNumber;
    }

    private String mailBody(DeskEntry desk, String caseNumber, Urgency urgency, Reason reason) {
        return """
                %s 御中

                %s。

                  受付番号: %s
                  緊急度:   %s
                  担当窓口: %s

                内容はコンソールで確認してください（ログインが必要です）:
                  %s

                相談の内容は、このメールには書きません。
                ---
                相談の入口（自動送信）
                """.formatted(desk.name(), reason.headline, caseNumber, urgencyLabel(urgency), desk.name(), link(caseNumber));
    }

    private String webhookBody(DeskEntry desk, String caseNumber, Urgency urgency, Reason reason, String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        // "text" first: what Slack, Teams and most chat bridges show as the message.
        body.put("text", subject + "\n" + link(caseNumber));
        body.put("event", reason.event);
        body.put("caseNumber", caseNumber);
        body.put("urgency", urgency.name());
        body.put("deskId", desk.id());
        body.put("deskName", desk.name());
        body.put("consoleUrl", link(caseNumber));
        return json.writeValueAsString(body);
    }
}
