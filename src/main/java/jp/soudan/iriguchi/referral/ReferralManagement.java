package jp.soudan.iriguchi.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.soudan.iriguchi.referral.DeskDirectory.DeskEntry;
import jp.soudan.iriguchi.referral.DeskNotifications.Reason;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.ConversationEntry;
import jp.soudan.iriguchi.referral.casework.TicketStatus;

/**
 * Opens tickets: routes the request, numbers it, stores it with its content, queues the desk's
 * notifications and publishes {@link TicketOpened}, all in the caller's transaction.
 */
@Service
class ReferralManagement implements Referrals {

    static final String SYSTEM = "system";

    private final Tickets tickets;
    private final TicketTexts texts;
    private final CaseNumbers caseNumbers;
    private final Routing routing;
    private final DeskDirectory directory;
    private final DeskNotifications notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ReferralMetrics metrics;

    ReferralManagement(Tickets tickets, TicketTexts texts, CaseNumbers caseNumbers, Routing routing, DeskDirectory directory,
                       DeskNotifications notifications, ApplicationEventPublisher events, Clock clock,
                       ReferralMetrics metrics) {
        this.tickets = tickets;
        this.texts = texts;
        this.caseNumbers = caseNumbers;
        this.routing = routing;
        this.directory = directory;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    @Transactional
    public TicketReceipt open(ReferralRequest request) {
        Instant now = clock.instant();
        String subject = request.resident().value();
        if (request.urgency() == Urgency.URGENT) {
            Optional<TicketRow> open = tickets.openFor(subject);
            if (open.isPresent()) {
                return raiseToUrgent(open.get(), request, now);
            }
        }
        Routing.Route route = routing.route(request.topics(), request.area(), request.urgency());
        String caseNumber = caseNumbers.next(now.atZone(directory.zone()).getYear());
        String onDutyId = route.onDuty() == null ? null : route.onDuty().id();
        long id = tickets.insert(caseNumber, subject, route.desk().id(), onDutyId, request, now);
        boolean share = request.consent().shareWithDesk();
        texts.saveContent(id, new TicketTexts.Content(
                share ? request.residentWords() : "",
                request.contact().phone(),
                request.contact().timesToAvoid(),
                share ? request.youngCarer() : null,
                request.faqShown(),
                share ? request.residentMessages() : List.of()));
        tickets.recordEvent(id, SYSTEM, "OPENED", TicketStatus.NEW, route.desk().id(),
                DeskNotifications.urgencyLabel(request.urgency()), now);
        notifications.notify(route.desk(), caseNumber, request.urgency(), Reason.OPENED);
        if (route.onDuty() != null) {
            notifications.notify(route.onDuty(), caseNumber, request.urgency(), Reason.OPENED);
        }
        events.publishEvent(new TicketOpened(caseNumber, route.desk().id(), request.urgency()));
        metrics.ticketOpened(request.urgency());
        return receipt(caseNumber, route.desk(), route.onDuty(), request.urgency(), now);
    }

    /**
     * An urgent request from a resident who already has an open ticket: the desk keeps one story,
     * so that ticket becomes urgent and its desk (and the on-duty desk) are alerted again.
     */
    private TicketReceipt raiseToUrgent(TicketRow ticket, ReferralRequest request, Instant now) {
        DeskEntry desk = directory.get(ticket.deskId());
        DeskEntry onDuty = directory.onDuty().id().equals(desk.id()) ? null : directory.onDuty();
        tickets.raiseToUrgent(ticket.id(), request.urgencyReason(), onDuty == null ? null : onDuty.id(), now);
        tickets.recordEvent(ticket.id(), SYSTEM, "RAISED_TO_URGENT", ticket.status(), desk.id(), null, now);
        // During handoff the resident's messages reach the ticket through Handoffs.residentWrote;
        // otherwise what they just wrote would be lost to the desk.
        if (!ticket.handoffActive() && request.consent().shareWithDesk() && !request.residentWords().isBlank()) {
            if (request.residentMessages().isEmpty()) {
                texts.addMessage(ticket.id(), ConversationEntry.Kind.RESIDENT, null, request.residentWords(), now);
            } else {
                // Message by message, so that one the resident takes back can leave the ticket.
                request.residentMessages().forEach(message -> texts.addMessage(ticket.id(), ConversationEntry.Kind.RESIDENT,
                        null, message.text(), now, message.messageId()));
            }
            tickets.residentWrote(ticket.id(), now);
        }
        notifications.notify(desk, ticket.caseNumber(), Urgency.URGENT, Reason.RAISED_TO_URGENT);
        if (onDuty != null) {
            notifications.notify(onDuty, ticket.caseNumber(), Urgency.URGENT, Reason.RAISED_TO_URGENT);
        }
        return receipt(ticket.caseNumber(), desk, onDuty, Urgency.URGENT, now);
    }

    private static TicketReceipt receipt(String caseNumber, DeskEntry desk, DeskEntry onDuty, Urgency urgency, Instant now) {
        List<OpeningHours> readers = new ArrayList<>();
        readers.add(desk.hours());
        if (onDuty != null) {
            readers.add(onDuty.hours());
        }
        return new TicketReceipt(caseNumber, desk.name(), ContactPromise.describe(readers, urgency, now));
    }
}
