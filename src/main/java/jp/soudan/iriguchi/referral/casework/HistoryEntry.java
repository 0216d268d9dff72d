package jp.soudan.iriguchi.referral.casework;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step in a ticket's history (no content).
 *
 * @param at when
 * @param actor who ({@code system} for the bot, {@code resident} for the resident)
 * @param kind what happened, e.g. {@code OPENED}, {@code CLAIMED}, {@code TRANSFERRED}
 * @param status the status after the step
 * @param deskId the desk after the step
 * @param detail a short, content-free detail (e.g. the desk it came from, the outcome)
 */
public record HistoryEntry(Instant at, String actor, String kind, TicketStatus status, String deskId,
                           @Nullable String detail) {
}
