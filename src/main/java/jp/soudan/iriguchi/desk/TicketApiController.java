package jp.soudan.iriguchi.desk;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import jp.soudan.iriguchi.desk.AuditLog.Action;
import jp.soudan.iriguchi.desk.AuditLog.Via;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Outcome;
import jp.soudan.iriguchi.referral.casework.QueueFilter;
import jp.soudan.iriguchi.referral.casework.TicketDetail;
import jp.soudan.iriguchi.referral.casework.TicketNotFoundException;
import jp.soudan.iriguchi.referral.casework.TicketStatus;
import jp.soudan.iriguchi.referral.casework.TicketSummary;

/**
 * The JSON API for the city's case-management systems: the same tickets, the same desks rule as
 * the console (a ticket of another desk is 404), every call audited.
 */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "tickets", description = "Referral tickets of the caller's desks")
@SecurityRequirement(name = "basic")
class TicketApiController {

    private final Casework casework;
    private final AuditLog audit;

    TicketApiController(Casework casework, AuditLog audit) {
        this.casework = casework;
        this.audit = audit;
    }

    /**
     * A ticket in a list.
     *
     * @param caseNumber case number
     * @param deskId desk id
     * @param deskName desk name
     * @param urgency NORMAL, SOON or URGENT
     * @param status NEW, ASSIGNED, IN_CONTACT, REFERRED or CLOSED
     * @param outcome how it ended (NONE while open)
     * @param topics topic slugs
     * @param aboutWhom SELF, FAMILY, ACQUAINTANCE, NEIGHBOUR or UNKNOWN
     * @param area district
     * @param assignee staff user name
     * @param handoffActive staff are talking with the resident
     * @param openedAt when the ticket was opened
     */
    record TicketItem(String caseNumber, String deskId, String deskName, Urgency urgency, TicketStatus status, Outcome outcome,
                      List<String> topics, String aboutWhom, @Nullable String area, @Nullable String assignee,
                      boolean handoffActive, Instant openedAt) {

        static TicketItem of(TicketSummary t) {
            return new TicketItem(t.caseNumber(), t.desk().id(), t.desk().name(), t.urgency(), t.status(), t.outcome(),
                    t.topics(), t.aboutWhom().name(), t.area(), t.assignee(), t.handoffActive(), t.openedAt());
        }
    }

    /**
     * A status change.
     *
     * @param status the new status (ASSIGNED, IN_CONTACT, REFERRED, CLOSED)
     * @param outcome required for REFERRED and CLOSED
     */
    record StatusChange(TicketStatus status, @Nullable Outcome outcome) {
    }

    @GetMapping
    @Operation(summary = "Tickets of the caller's desks", description = "Open tickets first, urgent first, then oldest.")
    List<TicketItem> list(@AuthenticationPrincipal StaffPrincipal me,
                          @Parameter(description = "one desk id") @RequestParam(required = false) @Nullable String desk,
                          @RequestParam(required = false) @Nullable TicketStatus status,
                          @RequestParam(required = false) @Nullable Urgency urgency,
                          @Parameter(description = "one topic slug") @RequestParam(required = false) @Nullable String topic,
                          @Parameter(description = "a case number or its start") @RequestParam(required = false) @Nullable String caseNumber,
                          @RequestParam(defaultValue = "false") boolean includeClosed,
                          @RequestParam(defaultValue = "100") int limit) {
        QueueFilter filter = new QueueFilter(desk, status, urgency, topic, caseNumber, includeClosed, limit);
        List<TicketItem> items = casework.queue(me.scope(), filter).stream().map(TicketItem::of).toList();
        audit.record(me.username(), caseNumber == null ? Action.LISTED : Action.SEARCHED, null, items.size() + "件", Via.API);
        return items;
    }

    @GetMapping("/{caseNumber}")
    @Operation(summary = "One ticket with its content, history and conversation")
    @ApiResponse(responseCode = "404", description = "No such ticket in the caller's desks")
    TicketDetail detail(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber) {
        TicketDetail ticket = casework.find(me.scope(), caseNumber).orElseThrow(() -> new TicketNotFoundException(caseNumber));
        audit.record(me.username(), Action.VIEWED, ticket.caseNumber(), null, Via.API);
        return ticket;
    }

    @PostMapping("/{caseNumber}/status")
    @Operation(summary = "Change a ticket's status", description = "REFERRED and CLOSED close the ticket and need an outcome.")
    @ApiResponse(responseCode = "409", description = "The ticket is already closed")
    TicketItem changeStatus(@AuthenticationPrincipal StaffPrincipal me, @PathVariable String caseNumber,
                            @RequestBody StatusChange change) {
        Outcome outcome = change.outcome() == null ? Outcome.NONE : change.outcome();
        casework.changeStatus(me.caseworker(), caseNumber, change.status(), outcome);
        audit.record(me.username(), Action.STATUS_CHANGED, caseNumber, change.status() + " " + outcome, Via.API);
        return casework.find(me.scope(), caseNumber).map(t -> TicketItem.of(t.summary()))
                .orElseThrow(() -> new TicketNotFoundException(caseNumber));
    }

    @ExceptionHandler(TicketNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound() {
        return problem(HttpStatus.NOT_FOUND, "No such ticket in your desks");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ProblemDetail> conflict(IllegalStateException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail == null ? "" : detail));
    }
}
