package jp.soudan.iriguchi.desk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.soudan.iriguchi.desk.AuditLog.Action;
import jp.soudan.iriguchi.desk.AuditLog.Via;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Desk;
import jp.soudan.iriguchi.referral.casework.Outcome;
import jp.soudan.iriguchi.referral.casework.QueueFilter;
import jp.soudan.iriguchi.referral.casework.TicketDetail;
import jp.soudan.iriguchi.referral.casework.TicketNotFoundException;
import jp.soudan.iriguchi.referral.casework.TicketStatus;
import jp.soudan.iriguchi.referral.casework.TicketSummary;

/**
 * The console's pages: the queue, a ticket, and the steps of casework. Every change is a POST
 * with a CSRF token; every GET only reads (and writes the audit log).
 */
@Controller
@RequestMapping("/desk")
class ConsoleController {

    static final Pattern CASE_NUMBER = Pattern.compile("\\d{4}-\\d{6,9}");

    private final Casework casework;
    private final TicketViews views;
    private final TopicNames topics;
    private final AuditLog audit;

    ConsoleController(Casework casework, TicketViews views, TopicNames topics, AuditLog audit) {
        this.casework = casework;
        this.views = views;
        this.topics = topics;
        this.audit = audit;
    }

    @GetMapping({"", "/"})
    String home(@AuthenticationPrincipal StaffPrincipal me) {
        return me.role() == Role.ADMIN ? "redirect:/desk/admin/accounts" : "redirect:/desk/queue";
    }

    @RequestMapping("/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "desk/denied";
    }

    // ---- queue -----------------------------------------------------------------------------

    @GetMapping("/queue")
    String queue(@AuthenticationPrincipal StaffPrincipal me, QueueParams params, Model model) {
        List<TicketSummary> tickets = casework.queue(me.scope(), params.filter(QueueFilter.MAX_LIMIT));
        if (params.searching()) {
            audit.record(me.username(), Action.SEARCHED, null, params.describe(), Via.CONSOLE);
        }
        model.addAttribute("me", me);
        model.addAttribute("params", params);
        model.addAttribute("desks", visibleDesks(me));
        model.addAttribute("topics", topics.all());
        model.addAttribute("statuses", TicketStatus.values());
        addRows(me, tickets, model);
        return "desk/queue";
    }

    /** The queue's table alone, for the page to refresh itself without a reload. */
    @GetMapping("/queue/rows")
    String queueRows(@AuthenticationPrincipal StaffPrincipal me, QueueParams params, Model model) {
        addRows(me, casework.queue(me.scope(), params.filter(QueueFilter.MAX_LIMIT)), model);
        return "desk/queue :: live";
    }

    private void addRows(StaffPrincipal me, List<TicketSummary> tickets, Model model) {
        var names = views.staffNames();
        List<TicketViews.QueueRow> rows = tickets.stream().map(t -> views.row(t, me.desks(), names)).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("urgentCount", rows.stream().filter(r -> r.urgent() && r.open()).count());
    }

    @GetMapping(value = "/export.csv")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffPrincipal me, QueueParams params) {
        List<TicketSummary> tickets = casework.queue(me.scope(), params.filter(QueueFilter.MAX_LIMIT));
        StringBuilder csv = new StringBuilder("\uFEFF受付番号,窓口,緊急度,状態,結果,分野,相談の対象,地区,担当者,受付日時\r\n");
        for (TicketSummary t : tickets) {
            csv.append(String.join(",", List.of(t.caseNumber(), t.desk().name(), Labels.urgency(t.urgency()),
                            t.status().label(), t.outcome().label(), views.topicNames(t.topics()),
                            Labels.aboutWhom(t.aboutWhom()), t.area() == null ? "" : t.area(),
                            t.assignee() == null ? "" : t.assignee(), Labels.dateTime(t.openedAt(), views.zone()))
                    .stream().map(ConsoleController::csvField).toList())).append("\r\n");
        }
        audit.record(me.username(), Action.EXPORTED, null, tickets.size() + "件 " + params.describe(), Via.CONSOLE);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tickets.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String csvField(String value) {
        String safe = value;
        // A cell starting with = + - @ is a formula in a spreadsheet: neutralise it.
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    // ---- one ticket ------------------------------------------------------------------------

    @GetMapping("/tickets/{caseNumber}")
    String ticket(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber, Model model) {
        TicketDetail ticket = find(me, caseNumber);
        audit.record(me.username(), Action.VIEWED, ticket.caseNumber(), null, Via.CONSOLE);
        model.addAttribute("me", me);
        model.addAttribute("mayChange", me.mayChangeTickets() && ticket.summary().status().isOpen());
        model.addAttribute("t", ticket);
        model.addAttribute("row", views.row(ticket.summary(), me.desks(), views.staffNames()));
        model.addAttribute("mine", me.username().equals(ticket.summary().assignee()));
        model.addAttribute("aboutWhom", Labels.aboutWhom(ticket.summary().aboutWhom()));
        model.addAttribute("contactMethod", Labels.contactMethod(ticket.contact().method()));
        model.addAttribute("youngCarer", views.youngCarer(ticket));
        model.addAttribute("faqs", views.faqs(ticket));
        model.addAttribute("history", views.history(ticket));
        model.addAttribute("messages", views.conversation(ticket));
        model.addAttribute("lastMessageId", ticket.conversation().isEmpty() ? 0 : ticket.conversation().getLast().id());
        model.addAttribute("followUpDue", Labels.dateTime(ticket.followUp().dueAt(), views.zone()));
        model.addAttribute("followUpAnswer", Labels.followUpAnswer(ticket.followUp().answer()));
        model.addAttribute("transferDesks", casework.desks().stream()
                .filter(d -> !d.id().equals(ticket.summary().desk().id())).toList());
        model.addAttribute("openStatuses", List.of(TicketStatus.ASSIGNED, TicketStatus.IN_CONTACT));
        model.addAttribute("closingStatuses", List.of(TicketStatus.REFERRED, TicketStatus.CLOSED));
        model.addAttribute("outcomes", java.util.Arrays.stream(Outcome.values()).filter(o -> o != Outcome.NONE).toList());
        return "desk/ticket";
    }

    /** New conversation entries since {@code after}: the page asks every few seconds. */
    @GetMapping(value = "/tickets/{caseNumber}/conversation", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<TicketViews.Message> conversation(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber,
                                           @RequestParam(defaultValue = "0") long after) {
        requireCaseNumber(caseNumber);
        return casework.conversationSince(me.scope(), caseNumber, after).stream().map(views::message).toList();
    }

    @PostMapping("/tickets/{caseNumber}/claim")
    String claim(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber, RedirectAttributes flash) {
        return act(me, caseNumber, Action.CLAIMED, null, flash, "担当になりました。",
                () -> casework.claim(me.caseworker(), caseNumber));
    }

    @PostMapping("/tickets/{caseNumber}/notes")
    String note(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber, @RequestParam String text,
                RedirectAttributes flash) {
        return act(me, caseNumber, Action.NOTE_ADDED, null, flash, "メモを残しました。",
                () -> casework.addNote(me.caseworker(), caseNumber, text));
    }

    @PostMapping("/tickets/{caseNumber}/reply")
    String reply(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber, @RequestParam String text,
                 RedirectAttributes flash) {
        return act(me, caseNumber, Action.REPLIED, null, flash, "相談者に送りました。いまは相談員が対応中です（ボットは応答しません）。",
                () -> casework.reply(me.caseworker(), caseNumber, text));
    }

    @PostMapping("/tickets/{caseNumber}/hand-back")
    String handBack(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber, RedirectAttributes flash) {
        return act(me, caseNumber, Action.HANDED_BACK, null, flash, "ボットに戻しました。",
                () -> casework.handBack(me.caseworker(), caseNumber));
    }

    @PostMapping("/tickets/{caseNumber}/transfer")
    String transfer(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber, @RequestParam String desk,
                    @RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
        String redirect = act(me, caseNumber, Action.TRANSFERRED, "→ " + desk, flash, "転送しました。",
                () -> casework.transfer(me.caseworker(), caseNumber, desk, reason));
        // After a transfer to a desk they do not work for, the ticket is no longer theirs to see.
        return me.desks().contains(desk) || flash.getFlashAttributes().containsKey("error") ? redirect : "redirect:/desk/queue";
    }

    @PostMapping("/tickets/{caseNumber}/status")
    String status(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber,
                  @RequestParam TicketStatus status, @RequestParam(defaultValue = "NONE") Outcome outcome,
                  RedirectAttributes flash) {
        String done = status.isOpen() ? "状態を「" + status.label() + "」にしました。" : "終了しました（" + outcome.label() + "）。";
        return act(me, caseNumber, Action.STATUS_CHANGED, status.name() + (status.isOpen() ? "" : " " + outcome.name()),
                flash, done, () -> casework.changeStatus(me.caseworker(), caseNumber, status, outcome));
    }

    private String act(StaffPrincipal me, String caseNumber, Action action, @Nullable String target, RedirectAttributes flash,
                       String done, Runnable change) {
        requireCaseNumber(caseNumber);
        try {
            change.run();
            audit.record(me.username(), action, caseNumber, target, Via.CONSOLE);
            flash.addFlashAttribute("notice", done);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            flash.addFlashAttribute("error", refusal(refused));
        }
        return "redirect:/desk/tickets/" + caseNumber;
    }

    private static String refusal(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("empty")) {
            return "文章が空です。";
        }
        if (message.contains("longer than")) {
            return "長すぎます（" + 2000 + "文字まで）。";
        }
        if (message.contains("unreachable")) {
            return "相談者が自分のデータの削除を求めたため、この相談からは連絡できません。";
        }
        if (message.contains("closed")) {
            return "この相談はすでに終了しています。";
        }
        if (message.contains("outcome")) {
            return "終了するときは結果を選んでください。";
        }
        if (message.contains("already at")) {
            return "すでにその窓口の相談です。";
        }
        return "できませんでした: " + message;
    }

    private TicketDetail find(StaffPrincipal me, String caseNumber) {
        requireCaseNumber(caseNumber);
        return casework.find(me.scope(), caseNumber).orElseThrow(() -> new TicketNotFoundException(caseNumber));
    }

    private static void requireCaseNumber(String caseNumber) {
        if (!CASE_NUMBER.matcher(caseNumber).matches()) {
            throw new TicketNotFoundException(caseNumber);
        }
    }

    private List<Desk> visibleDesks(StaffPrincipal me) {
        return casework.desks().stream().filter(d -> me.scope().covers(d.id())).toList();
    }

    @ExceptionHandler(TicketNotFoundException.class)
    String notFound(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "desk/not-found";
    }

    /**
     * The queue's filters, as query parameters.
     *
     * @param desk one desk id
     * @param status one status
     * @param urgency one urgency
     * @param topic one topic slug
     * @param q a case number or its start
     * @param closed also closed tickets
     */
    record QueueParams(@Nullable String desk, @Nullable TicketStatus status, @Nullable Urgency urgency,
                       @Nullable String topic, @Nullable String q, @Nullable Boolean closed) {

        QueueFilter filter(int limit) {
            return new QueueFilter(blankToNull(desk), status, urgency, blankToNull(topic), blankToNull(q), Boolean.TRUE.equals(closed), limit);
        }

        boolean searching() {
            return blankToNull(q) != null;
        }

        String describe() {
            StringBuilder text = new StringBuilder();
            if (blankToNull(desk) != null) text.append("desk=").append(desk).append(' ');
            if (status != null) text.append("status=").append(status).append(' ');
            if (urgency != null) text.append("urgency=").append(urgency).append(' ');
            if (blankToNull(topic) != null) text.append("topic=").append(topic).append(' ');
            if (blankToNull(q) != null) text.append("q=").append(q.strip()).append(' ');
            if (Boolean.TRUE.equals(closed)) text.append("closed ");
            return text.toString().strip();
        }

        private static @Nullable String blankToNull(@Nullable String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }
}
