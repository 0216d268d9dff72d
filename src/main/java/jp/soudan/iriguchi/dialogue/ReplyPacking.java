package jp.soudan.iriguchi.dialogue;

import java.util.ArrayList;
import java.util.List;

import jp.soudan.iriguchi.line.Reply;

/**
 * Keeps a turn's answer within one LINE reply (five messages): a sixth message would have to go as a
 * push, which costs the city's message quota and may arrive after the resident has moved on.
 * Neighbouring texts are joined until it fits; quick replies stay on the last message.
 */
final class ReplyPacking {

    static final int MAX_MESSAGES = 5;

    private ReplyPacking() {
    }

    static List<Reply> fit(List<Reply> replies) {
        List<Reply> packed = new ArrayList<>(replies);
        while (packed.size() > MAX_MESSAGES) {
            boolean joined = false;
            for (int i = 0; i + 1 < packed.size(); i++) {
                if (packed.get(i) instanceof Reply.Text a && a.choices().isEmpty() && packed.get(i + 1) instanceof Reply.Text b) {
                    String text = a.text() + "\n\n" + b.text();
                    if (text.length() <= Reply.MAX_TEXT) {
                        packed.set(i, new Reply.Text(text, b.choices()));
                        packed.remove(i + 1);
                        joined = true;
                        break;
                    }
                }
            }
            if (!joined) {
                break;
            }
        }
        return packed;
    }
}
