package jp.soudan.iriguchi.safety;

import java.util.List;

/**
 * The answer to a message that signals danger, channel-neutral: plain text that any channel can
 * send as one message (within LINE's 5,000 characters; usually under 500), and the lines it
 * lists, for channels that can show them as buttons.
 *
 * @param text         the whole reply: a kind first line, the lines that answer now, and an
 *                     invitation to go on talking
 * @param linesOpenNow the lines listed in {@code text}, in the same order
 */
public record CrisisReply(String text, List<Hotline> linesOpenNow) {

    public CrisisReply {
        linesOpenNow = List.copyOf(linesOpenNow);
    }
}
