package jp.soudan.iriguchi.referral;

/**
 * What the resident is told when their referral is opened.
 *
 * @param caseNumber the number they can quote, e.g. {@code 2026-000123}
 * @param deskName the desk that will take it up
 * @param whenToExpectContact in plain words, from the desk's hours: a phrase that completes
 *        "{desk}の相談員から、＿＿連絡があります。", e.g. "あした（木曜日）の午前中に", "きょうの17時15分までに",
 *        for an urgent one "このあとすぐに" or "あした（木曜日）の8時30分、窓口が開いたらすぐに"
 */
public record TicketReceipt(String caseNumber, String deskName, String whenToExpectContact) {
}
