package jp.soudan.iriguchi.referral;

/**
 * What the resident is told when their referral is opened.
 *
 * @param caseNumber the number they can quote, e.g. {@code 2026-000123}
 * @param deskName the desk that will take it up
 * @param whenToExpectContact in plain words, from the desk's hours (e.g. "あすの午前中までに")
 */
public record TicketReceipt(String caseNumber, String deskName, String whenToExpectContact) {
}
