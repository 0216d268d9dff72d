package jp.soudan.iriguchi.referral;

import java.util.List;

import jp.soudan.iriguchi.line.Reply;

/**
 * What the bot pushes to a resident on behalf of a desk.
 *
 * <p>Every push shows a neutral preview: LINE shows a card's alternative text on the lock screen
 * and in the chat list, where a family member may read it, so the preview never repeats what staff
 * wrote.
 */
final class ResidentNotices {

    static final String NEUTRAL_PREVIEW = "相談の入口から新しいメッセージがあります";
    static final int MAX_STAFF_TEXT = 2000;

    private ResidentNotices() {
    }

    /** Staff's answer; the first one of a handoff says that a person has taken over. */
    static Reply staffMessage(String deskName, String text, boolean handoffStarts) {
        String title = handoffStarts ? "相談員が対応しています" : "相談員より";
        List<String> details = handoffStarts
                ? List.of(deskName, "このトークに送ると、相談員に届きます。")
                : List.of(deskName);
        return new Reply.Cards(NEUTRAL_PREVIEW, List.of(new Reply.Card(title, text, details, List.of())), List.of());
    }

    static Reply handedBack() {
        return new Reply.Text("相談員との会話は、ここでいったん終わります。このあとは、これまでどおり自動でお返事します。"
                + "また相談員と話したいときは、いつでも送ってください。");
    }

    static Reply closed() {
        return new Reply.Text("ご相談ありがとうございました。相談員との会話は、これで終わります。"
                + "また困ったことがあれば、いつでも送ってください。");
    }

    static Reply followUpQuestion(String caseNumber) {
        return new Reply.Text("こんにちは。相談の入口です。先日のご相談（受付番号 " + caseNumber + "）のあと、"
                + "窓口の担当者とつながれましたか？",
                List.of(new Reply.Choice("つながれた", FollowUps.PREFIX + caseNumber + ":yes", "つながれました"),
                        new Reply.Choice("まだ・困っている", FollowUps.PREFIX + caseNumber + ":no", "まだつながっていません")));
    }

    static Reply followUpThanksConnected() {
        return new Reply.Text("教えてくれてありがとうございます。つながれて、よかったです。"
                + "また困ったことがあれば、いつでも送ってください。");
    }

    static Reply followUpThanksNotConnected() {
        return new Reply.Text("教えてくれてありがとうございます。担当の窓口に伝えました。"
                + "いま困っていることがあれば、このトークに送ってください。");
    }

    static Reply followUpAlreadyAnswered() {
        return new Reply.Text("もう教えてもらっています。ありがとうございます。");
    }

    static Reply followUpUnknown() {
        return new Reply.Text("ありがとうございます。困っていることがあれば、あなたの言葉で送ってください。");
    }
}
