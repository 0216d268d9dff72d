package jp.soudan.iriguchi.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.line.ResidentMessenger;
import jp.soudan.iriguchi.referral.DeskNotifications.Reason;

/**
 * Asks a few days after closing whether the resident reached the desk, and records the answer.
 *
 * <p>The question is sent only with the resident's consent and never when their family must not
 * know (a message on a shared phone could give the consultation away); both are checked in the
 * query and again here. Several instances may run this: the ticket row is claimed before sending.
 */
@Service
class FollowUpManagement implements FollowUps {

    private static final Logger log = LoggerFactory.getLogger(FollowUpManagement.class);
    private static final Pattern DATA = Pattern.compile("followup:(\\d{4}-\\d{6,9}):(yes|no)");
    private static final int BATCH = 50;

    private final Tickets tickets;
    private final DeskDirectory directory;
    private final DeskNotifications notifications;
    private final ResidentMessenger messenger;
    private final ReferralSettings.FollowUp settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    FollowUpManagement(Tickets tickets, DeskDirectory directory, DeskNotifications notifications, ResidentMessenger messenger,
                       ReferralSettings settings, PlatformTransactionManager transactions, Clock clock) {
        this.tickets = tickets;
        this.directory = directory;
        this.notifications = notifications;
        this.messenger = messenger;
        this.settings = settings.followUp();
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${iriguchi.referral.follow-up.poll-interval:5m}",
            initialDelayString = "${iriguchi.referral.follow-up.poll-interval:5m}")
    void sendDueNow() {
        try {
            sendDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Sending follow-ups failed; next round tries again: {}", e.toString());
        }
    }

    /** Sends the follow-ups due at {@code now}, if it is daytime where the residents live; returns how many. */
    int sendDue(Instant now) {
        LocalTime local = now.atZone(directory.zone()).toLocalTime();
        if (local.isBefore(settings.sendFrom()) || local.isAfter(settings.sendUntil())) {
            return 0;
        }
        int sent = 0;
        for (TicketRow due : tickets.followUpsDue(now, BATCH)) {
            if (Boolean.TRUE.equals(transaction.execute(status -> send(due, now)))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(TicketRow ticket, Instant now) {
        if (!ticket.followUpAllowed() || ticket.familyMustNotKnow() || ticket.status().isOpen()) {
            return false;
        }
        if (!tickets.claimFollowUp(ticket.id(), now)) {
            return false;
        }
        messenger.push(new ResidentId(ticket.subject()), List.of(ResidentNotices.followUpQuestion(ticket.caseNumber())));
        tickets.recordEvent(ticket.id(), ReferralManagement.SYSTEM, "FOLLOW_UP_SENT", ticket.status(), ticket.deskId(), null, now);
        return true;
    }

    @Override
    public boolean handles(String choiceData) {
        return choiceData != null && choiceData.startsWith(PREFIX);
    }

    @Override
    @Transactional
    public Reply answer(ResidentId resident, String choiceData) {
        Matcher matcher = DATA.matcher(choiceData == null ? "" : choiceData);
        if (!matcher.matches()) {
            return ResidentNotices.followUpUnknown();
        }
        Optional<TicketRow> ticket = tickets.byCaseNumber(matcher.group(1))
                .filter(row -> row.subject().equals(resident.value()));
        if (ticket.isEmpty()) {
            return ResidentNotices.followUpUnknown();
        }
        TicketRow row = ticket.get();
        String answer = matcher.group(2);
        Instant now = clock.instant();
        if (!tickets.recordFollowUpAnswer(row.id(), answer, now)) {
            return row.followUpAnswer() != null ? ResidentNotices.followUpAlreadyAnswered() : ResidentNotices.followUpUnknown();
        }
        tickets.recordEvent(row.id(), "resident", "FOLLOW_UP_ANSWERED", row.status(), row.deskId(), answer, now);
        if (answer.equals("yes")) {
            return ResidentNotices.followUpThanksConnected();
        }
        notifications.notify(directory.get(row.deskId()), row.caseNumber(), row.urgency(), Reason.FOLLOW_UP_NOT_CONNECTED);
        return ResidentNotices.followUpThanksNotConnected();
    }
}
