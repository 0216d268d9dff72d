package jp.soudan.iriguchi.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import jp.soudan.iriguchi.line.Inbound;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;

class ConversationWalkthroughTests {

    @Test
    void printAdultPath() {
        DialogueHarness h = new DialogueHarness();
        ResidentId r = DialogueHarness.newResident();
        List<Reply> replies = h.turn(r, new Inbound.Followed());
        System.out.println(DialogueHarness.text(replies) + DialogueHarness.labels(replies));
        for (String label : List.of("はじめる", "家族のこと", "40〜64さい", "介護のこと")) {
            replies = h.choose(r, replies, label);
            System.out.println("> " + label + "\n" + DialogueHarness.text(replies) + DialogueHarness.labels(replies));
        }
        replies = h.say(r, "母の介護で仕事に行けません");
        System.out.println("> text\n" + DialogueHarness.text(replies) + DialogueHarness.labels(replies));
        for (String label : List.of("次へ", "役に立った", "相談員にも伝えたい", "つないでほしい", "電話で")) {
            replies = h.choose(r, replies, label);
            System.out.println("> " + label + "\n" + DialogueHarness.text(replies) + DialogueHarness.labels(replies));
        }
        replies = h.say(r, "090-0000-0000");
        System.out.println("> phone\n" + DialogueHarness.text(replies) + DialogueHarness.labels(replies));
        for (String label : List.of("夕方はさけて", "知られたくない", "はい")) {
            replies = h.choose(r, replies, label);
            System.out.println("> " + label + "\n" + DialogueHarness.text(replies) + DialogueHarness.labels(replies));
        }
        replies = h.say(r, "北中学校区");
        System.out.println("> area\n" + DialogueHarness.text(replies) + DialogueHarness.labels(replies));
        replies = h.choose(r, replies, "この内容で送る");
        System.out.println("> send\n" + DialogueHarness.text(replies) + DialogueHarness.labels(replies));
        System.out.println(h.referrals.requests);
        assertThat(h.referrals.requests).hasSize(1);
    }
}
