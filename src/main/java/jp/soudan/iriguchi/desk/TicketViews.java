package jp.soudan.iriguchi.desk;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import jp.soudan.iriguchi.referral.ReferralRequest.FaqShown;
import jp.soudan.iriguchi.referral.ReferralRequest.YoungCarerSummary;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.ConversationEntry;
import jp.soudan.iriguchi.referral.casework.HistoryEntry;
import jp.soudan.iriguchi.referral.casework.TicketDetail;
import jp.soudan.iriguchi.referral.casework.TicketSummary;

/** Turns tickets into what the console's pages show: words, not codes. */
@Component
class TicketViews {

    /**
     * One line of the queue.
     *
     * @param caseNumber case number
     * @param urgent urgency is URGENT
     * @param urgency the urgency's code (for styling)
     * @param urgencyLabel its word
     * @param status status word
     * @param desk desk name
     * @param onDuty shown here because this is the on-duty desk, not the ticket's own
     * @param topics topic names
     * @param aboutWhom who it is about
     * @param area district
     * @param assignee who took it
     * @param age how long it has waited
     * @param ago the same, as "… ago"
     * @param openedAt when it came
     * @param handoff staff are talking with the resident
     * @param awaitsAnswer the resident wrote and has no answer yet
     * @param open the ticket is not closed
     */
    record QueueRow(String caseNumber, boolean urgent, String urgency, String urgencyLabel, String status, String desk,
                    @Nullable String onDuty, String topics, String aboutWhom, String area, String assignee, String age,
                    String ago, String openedAt, boolean handoff, boolean awaitsAnswer, boolean open) {
    }

    /**
     * A conversation entry as the page and its live updates show it.
     *
     * @param withdrawn the resident took it back: {@code text} is a neutral note, their words are gone
     */
    record Message(long id, String kind, String author, String text, String at, boolean withdrawn) {
        @Override
        public String toString() {
            return "Message[" + id + "]";
        }
    }

    /** A history line. */
    record Step(String at, String actor, String what, String status, String desk, String detail) {
    }

    /** A FAQ entry shown to the resident and their feedback. */
    record Faq(String entryId, String feedback) {
    }

    /** The young-carer part, in words. */
    record YoungCarer(String caresFor, String tasks, String hoursPerDay, String effects, String adultKnows, String wishes) {
    }

    private final Casework casework;
    private final TopicNames topics;
    private final StaffAccounts accounts;
    private final Clock clock;

    TicketViews(Casework casework, TopicNames topics, StaffAccounts accounts, Clock clock) {
        this.casework = casework;
        this.topics = topics;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** User name → display name, read once per page. */
    java.util.function.Function<String, String> staffNames() {
        java.util.Map<String, String> names = accounts.all().stream()
                .collect(Collectors.toMap(StaffAccount::username, StaffAccount::displayName));
        return username -> names.getOrDefault(username, username);
    }

    ZoneId zone() {
        return casework.zone();
    }

    QueueRow row(TicketSummary ticket, java.util.Set<String> ownDesks, java.util.function.Function<String, String> names) {
        boolean viaOnDuty = ticket.onDutyDesk() != null && !ownDesks.isEmpty() && !ownDesks.contains(ticket.desk().id())
                && ownDesks.contains(ticket.onDutyDesk().id());
        return new QueueRow(ticket.caseNumber(),
                ticket.urgency() == jp.soudan.iriguchi.referral.ReferralRequest.Urgency.URGENT,
                ticket.urgency().name().toLowerCase(java.util.Locale.ROOT),
                Labels.urgency(ticket.urgency()),
                ticket.status().isOpen() ? ticket.status().label() : ticket.status().label() + "（" + ticket.outcome().label() + "）",
                ticket.desk().name(),
                viaOnDuty ? ticket.onDutyDesk().name() : null,
                topicNames(ticket.topics()),
                Labels.aboutWhom(ticket.aboutWhom()),
                ticket.area() == null ? "" : ticket.area(),
                ticket.assignee() == null ? "" : names.apply(ticket.assignee()),
                Labels.age(ticket.openedAt(), clock.instant()),
                Labels.ago(ticket.openedAt(), clock.instant()),
                Labels.dateTime(ticket.openedAt(), zone()),
                ticket.handoffActive(),
                ticket.awaitsAnswer(),
                ticket.status().isOpen());
    }

    String topicNames(List<String> slugs) {
        return slugs.isEmpty() ? "（未分類）" : slugs.stream().map(topics::name).collect(Collectors.joining("・"));
    }

    Message message(ConversationEntry entry) {
        String author = switch (entry.kind()) {
            case RESIDENT -> "相談者";
            case STAFF -> entry.author() == null ? "相談員" : entry.author();
            case NOTE -> "内部メモ（" + (entry.author() == null ? "" : entry.author()) + "）";
        };
        return new Message(entry.id(), entry.kind().name().toLowerCase(java.util.Locale.ROOT), author, entry.text(),
                Labels.dateTime(entry.at(), zone()), entry.withdrawn());
    }

    List<Message> conversation(TicketDetail ticket) {
        return ticket.conversation().stream().map(this::message).toList();
    }

    List<Step> history(TicketDetail ticket) {
        return ticket.history().stream().map(this::step).toList();
    }

    private Step step(HistoryEntry entry) {
        String desk = casework.desks().stream().filter(d -> d.id().equals(entry.deskId())).findFirst()
                .map(d -> d.name()).orElse(entry.deskId());
        String detail = entry.detail() == null ? "" : entry.detail();
        if (entry.kind().equals("CLOSED")) {
            detail = outcomeLabel(detail);
        } else if (entry.kind().equals("FOLLOW_UP_ANSWERED")) {
            detail = Labels.followUpAnswer(detail);
        }
        return new Step(Labels.dateTime(entry.at(), zone()), entry.actor(), Labels.historyKind(entry.kind()),
                entry.status().label(), desk, detail);
    }

    private static String outcomeLabel(String code) {
        try {
            return jp.soudan.iriguchi.referral.casework.Outcome.valueOf(code).label();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    List<Faq> faqs(TicketDetail ticket) {
        return ticket.faqShown().stream().map(TicketViews::faq).toList();
    }

    private static Faq faq(FaqShown shown) {
        String feedback = shown.helpful() == null ? "反応なし" : shown.helpful() ? "役に立った" : "役に立たなかった";
        return new Faq(shown.entryId(), feedback);
    }

    @Nullable YoungCarer youngCarer(TicketDetail ticket) {
        YoungCarerSummary summary = ticket.youngCarer();
        if (summary == null) {
            return null;
        }
        return new YoungCarer(orDash(summary.caresFor()), summary.tasks().isEmpty() ? "—" : String.join("、", summary.tasks()),
                orDash(summary.hoursPerDay()), summary.effects().isEmpty() ? "—" : String.join("、", summary.effects()),
                summary.adultKnows() == null ? "答えていない" : summary.adultKnows() ? "知っている" : "知らない",
                orDash(summary.wishes()));
    }

    private static String orDash(@Nullable String text) {
        return text == null || text.isBlank() ? "—" : text;
    }
}
