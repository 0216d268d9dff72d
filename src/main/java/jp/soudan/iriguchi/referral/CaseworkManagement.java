package jp.soudan.iriguchi.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.line.ResidentMessenger;
import jp.soudan.iriguchi.referral.DeskDirectory.DeskEntry;
import jp.soudan.iriguchi.referral.DeskNotifications.Reason;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Caseworker;
import jp.soudan.iriguchi.referral.casework.ConversationEntry;
import jp.soudan.iriguchi.referral.casework.Desk;
import jp.soudan.iriguchi.referral.casework.Outcome;
import jp.soudan.iriguchi.referral.casework.QueueFilter;
import jp.soudan.iriguchi.referral.casework.Scope;
import jp.soudan.iriguchi.referral.casework.TicketDetail;
import jp.soudan.iriguchi.referral.casework.TicketNotFoundException;
import jp.soudan.iriguchi.referral.casework.TicketStatus;
import jp.soudan.iriguchi.referral.casework.TicketSummary;

/**
 * Casework on tickets, kept to the caller's desks. Each change and its history entry (and, for an
 * answer, the push to the resident) commit together.
 */
@Service
class CaseworkManagement implements Casework {

    private final Tickets tickets;
    private final TicketTexts texts;
    private final DeskDirectory directory;
    private final DeskNotifications notifications;
    private final ResidentMessenger messenger;
    private final ReferralSettings settings;
    private final Clock clock;

    CaseworkManagement(Tickets tickets, TicketTexts texts, DeskDirectory directory, DeskNotifications notifications,
                       ResidentMessenger messenger, ReferralSettings settings, Clock clock) {
        this.tickets = tickets;
        this.texts = texts;
        this.directory = directory;
        this.notifications = notifications;
        this.messenger = messenger;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<TicketSummary> queue(Scope scope, QueueFilter filter) {
        return tickets.queue(scope, filter).stream().map(this::summary).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TicketDetail> find(Scope scope, String caseNumber) {
        return tickets.inScope(scope, caseNumber).map(row -> {
            TicketTexts.Content content = texts.content(row.id());
            return new TicketDetail(summary(row), row.urgencyReason(), content.residentWords(), content.youngCarer(),
                    content.faqShown(),
                    new ReferralRequest.ContactPreferences(row.contactMethod(), content.phone(), content.timesToAvoid(),
                            row.familyMustNotKnow()),
                    new ReferralRequest.Consent(row.shareWithDesk(), row.followUpAllowed()),
                    new TicketDetail.FollowUp(row.followUpDueAt(), row.followUpSentAt(), row.followUpAnswer(),
                            row.followUpAnsweredAt()),
                    tickets.history(row.id()),
                    texts.messages(row.id(), 0));
        });
    }

    @Override
    @Transactional(readOnly = true)
    public List<ConversationEntry> conversationSince(Scope scope, String caseNumber, long afterId) {
        TicketRow row = tickets.inScope(scope, caseNumber).orElseThrow(() -> new TicketNotFoundException(caseNumber));
        return texts.messages(row.id(), afterId);
    }

    @Override
    @Transactional
    public void claim(Caseworker who, String caseNumber) {
        TicketRow row = openTicket(who, caseNumber);
        Instant now = clock.instant();
        TicketStatus status = row.status() == TicketStatus.NEW ? TicketStatus.ASSIGNED : row.status();
        tickets.assign(row.id(), who.username(), status, now);
        tickets.recordEvent(row.id(), who.username(), "CLAIMED", status, row.deskId(), null, now);
    }

    @Override
    @Transactional
    public void addNote(Caseworker who, String caseNumber, String text) {
        String note = requireText(text);
        TicketRow row = ticket(who, caseNumber);
        Instant now = clock.instant();
        texts.addMessage(row.id(), ConversationEntry.Kind.NOTE, who.displayName(), note, now);
        tickets.recordEvent(row.id(), who.username(), "NOTE_ADDED", row.status(), row.deskId(), null, now);
    }

    @Override
    @Transactional
    public void reply(Caseworker who, String caseNumber, String text) {
        String answer = requireText(text);
        TicketRow row = openTicket(who, caseNumber);
        requireReachable(row);
        Instant now = clock.instant();
        DeskEntry desk = directory.get(row.deskId());
        boolean starts = !row.handoffActive();
        TicketStatus status = row.status() == TicketStatus.IN_CONTACT ? row.status() : TicketStatus.IN_CONTACT;
        texts.addMessage(row.id(), ConversationEntry.Kind.STAFF, who.displayName(), answer, now);
        tickets.staffAnswered(row.id(), row.assignee() == null ? who.username() : row.assignee(), status, now);
        if (starts) {
            tickets.recordEvent(row.id(), who.username(), "HANDOFF_STARTED", status, row.deskId(), null, now);
        }
        tickets.recordEvent(row.id(), who.username(), "REPLIED", status, row.deskId(), null, now);
        messenger.push(new ResidentId(row.subject()), List.of(ResidentNotices.staffMessage(desk.name(), answer, starts)));
    }

    @Override
    @Transactional
    public void handBack(Caseworker who, String caseNumber) {
        TicketRow row = ticket(who, caseNumber);
        if (!row.handoffActive()) {
            return;
        }
        Instant now = clock.instant();
        tickets.endHandoff(row.id(), now);
        tickets.recordEvent(row.id(), who.username(), "HANDED_BACK", row.status(), row.deskId(), null, now);
        messenger.push(new ResidentId(row.subject()), List.of(ResidentNotices.handedBack()));
    }

    @Override
    @Transactional
    public void transfer(Caseworker who, String caseNumber, String toDeskId, String reason) {
        TicketRow row = openTicket(who, caseNumber);
        DeskEntry to = directory.find(toDeskId)
                .orElseThrow(() -> new IllegalArgumentException("no desk '" + toDeskId + "'"));
        if (to.id().equals(row.deskId())) {
            throw new IllegalArgumentException("the ticket is already at " + to.id());
        }
        Instant now = clock.instant();
        tickets.transfer(row.id(), to.id(), now);
        if (reason != null && !reason.isBlank()) {
            // The reason is staff's words: content, so it goes with the notes, not into the history.
            texts.addMessage(row.id(), ConversationEntry.Kind.NOTE, who.displayName(),
                    "転送（" + directory.get(row.deskId()).name() + " → " + to.name() + "）: " + reason.strip(), now);
        }
        tickets.recordEvent(row.id(), who.username(), "TRANSFERRED", TicketStatus.NEW, to.id(),
                row.deskId() + " → " + to.id(), now);
        notifications.notify(to, row.caseNumber(), row.urgency(), Reason.TRANSFERRED);
    }

    @Override
    @Transactional
    public void changeStatus(Caseworker who, String caseNumber, TicketStatus status, Outcome outcome) {
        TicketRow row = openTicket(who, caseNumber);
        Instant now = clock.instant();
        if (status.isOpen()) {
            if (status == TicketStatus.NEW) {
                throw new IllegalArgumentException("a ticket becomes new only by transfer");
            }
            if (status == TicketStatus.ASSIGNED && row.assignee() == null) {
                tickets.assign(row.id(), who.username(), status, now);
            } else {
                tickets.changeStatus(row.id(), status, now);
            }
            tickets.recordEvent(row.id(), who.username(), "STATUS_CHANGED", status, row.deskId(), null, now);
            return;
        }
        if (outcome == Outcome.NONE) {
            throw new IllegalArgumentException("closing a ticket needs an outcome");
        }
        tickets.close(row.id(), status, outcome, followUpDue(row, now), now);
        tickets.recordEvent(row.id(), who.username(), "CLOSED", status, row.deskId(), outcome.name(), now);
        if (row.handoffActive()) {
            messenger.push(new ResidentId(row.subject()), List.of(ResidentNotices.closed()));
        }
    }

    @Override
    public List<Desk> desks() {
        return directory.all().stream().map(DeskEntry::desk).toList();
    }

    @Override
    public ZoneId zone() {
        return directory.zone();
    }

    /** A few days after closing, in the resident's daytime; never without consent or when the family must not know. */
    private @Nullable Instant followUpDue(TicketRow row, Instant now) {
        if (!row.followUpAllowed() || row.familyMustNotKnow()) {
            return null;
        }
        ZonedDateTime after = now.plus(settings.followUp().after()).atZone(directory.zone());
        LocalDate day = after.toLocalDate();
        ZonedDateTime due = day.atTime(settings.followUp().sendFrom()).atZone(directory.zone());
        return (due.isBefore(after) ? after : due).toInstant();
    }

    private TicketRow ticket(Caseworker who, String caseNumber) {
        return tickets.inScope(who.scope(), caseNumber).orElseThrow(() -> new TicketNotFoundException(caseNumber));
    }

    private TicketRow openTicket(Caseworker who, String caseNumber) {
        TicketRow row = ticket(who, caseNumber);
        if (!row.status().isOpen()) {
            throw new IllegalStateException("ticket " + caseNumber + " is closed");
        }
        return row;
    }

    /** The resident asked for their data to be deleted: the ticket no longer leads to them. */
    private static void requireReachable(TicketRow row) {
        if (row.subject().startsWith(Tickets.ERASED_PREFIX)) {
            throw new IllegalStateException("the resident of ticket " + row.caseNumber()
                    + " deleted their data and can no longer be reached through the bot (unreachable)");
        }
    }

    private static String requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the text is empty");
        }
        String stripped = text.strip();
        if (stripped.length() > ResidentNotices.MAX_STAFF_TEXT) {
            throw new IllegalArgumentException("the text is longer than " + ResidentNotices.MAX_STAFF_TEXT + " characters");
        }
        return stripped;
    }

    private TicketSummary summary(TicketRow row) {
        return new TicketSummary(row.caseNumber(), desk(row.deskId()),
                row.onDutyDeskId() == null ? null : desk(row.onDutyDeskId()),
                row.urgency(), row.status(), row.outcome(), row.topics(), row.aboutWhom(), row.area(), row.assignee(),
                row.handoffActive(), row.openedAt(), row.lastResidentAt(), row.lastStaffAt());
    }

    /** A desk removed from the file after tickets were routed to it still shows, by its id. */
    private Desk desk(String id) {
        return directory.find(id).map(DeskEntry::desk).orElse(new Desk(id, id));
    }
}
