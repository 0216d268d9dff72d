package jp.soudan.iriguchi.line;

/**
 * What a resident did, free of LINE's wire format: the channel-neutral input of a turn.
 */
public sealed interface Inbound {

    /** A text message, in the resident's own words. */
    record Text(String messageId, String text) implements Inbound {
        @Override
        public String toString() {
            return "Text[" + text.length() + " chars]";
        }
    }

    /** A tap on one of the bot's choices (quick reply or card button). */
    record ChoiceTapped(String data) implements Inbound {
    }

    /** The resident added the account as a friend (or unblocked it). */
    record Followed() implements Inbound {
    }

    /** The resident blocked the account: no message can reach them any more. */
    record Unfollowed() implements Inbound {
    }

    /** A sticker, image, video, audio, file or location: something the bot cannot read. */
    record Media(MediaKind kind) implements Inbound {
    }

    /** The resident took back one of their messages. */
    record Unsent(String messageId) implements Inbound {
    }

    /** Kinds of message the bot does not read. */
    enum MediaKind { STICKER, IMAGE, VIDEO, AUDIO, FILE, LOCATION, OTHER }
}
