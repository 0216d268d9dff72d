package jp.soudan.iriguchi.referral;

/**
 * A ticket was opened. Carries ids only, never the resident's words.
 *
 * @param caseNumber the ticket's case number
 * @param deskId the desk it was routed to
 * @param urgency how soon the desk must act
 */
public record TicketOpened(String caseNumber, String deskId, ReferralRequest.Urgency urgency) {
}
