package jp.soudan.iriguchi.dialogue;

import jp.soudan.iriguchi.line.Inbound;

/** What a resident's turn means to the dialogue, once their words or tap have been read. */
sealed interface Input {

    /** A global command, typed or tapped. */
    record Command(CommandSpec command) implements Input {
    }

    /** One of the current state's choices (the skip included), typed or tapped. */
    record Choice(String choiceId) implements Input {
    }

    /** Free text the current state takes. */
    record FreeText(String text, String messageId) implements Input {
    }

    /** Free text that fits nothing the current state offers. */
    record Miss(String text, String messageId) implements Input {
    }

    /** Something the bot cannot read (sticker, image, …). */
    record Media(Inbound.MediaKind kind) implements Input {
    }

    /** A tap on an older message's button that no longer fits where the conversation is. */
    record Stale() implements Input {
    }

    /** 役に立った / ちがう on an FAQ card. */
    record Feedback(String entryId, boolean helpful) implements Input {
    }
}
