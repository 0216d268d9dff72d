package jp.soudan.iriguchi.referral;

/**
 * What the resident is told when their referral is opened.
 *
 * @param caseNumber the number they can quote, e.g. {@code 2026-000123}
 * @param deskName the desk that will take it up
 * @param whenToExpectContact one full sentence in plain words, from the desk's hours: when a person
 *        will read the request (e.g. "あした（木曜日）の午前中に担当者が読みます。", or for an urgent one
 *        in office hours "このあと、すぐに担当者が読みます。")
 */
public record TicketReceipt(String caseNumber, String deskName, String whenToExpectContact) {
}
