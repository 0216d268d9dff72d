package jp.soudan.iriguchi.line;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.jackson.ModelObjectMapper;
import com.linecorp.bot.webhook.model.AudioMessageContent;
import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.FileMessageContent;
import com.linecorp.bot.webhook.model.FollowEvent;
import com.linecorp.bot.webhook.model.ImageMessageContent;
import com.linecorp.bot.webhook.model.LocationMessageContent;
import com.linecorp.bot.webhook.model.MessageContent;
import com.linecorp.bot.webhook.model.MessageEvent;
import com.linecorp.bot.webhook.model.PostbackEvent;
import com.linecorp.bot.webhook.model.StickerMessageContent;
import com.linecorp.bot.webhook.model.TextMessageContent;
import com.linecorp.bot.webhook.model.UnfollowEvent;
import com.linecorp.bot.webhook.model.UnsendEvent;
import com.linecorp.bot.webhook.model.VideoMessageContent;

import jp.soudan.iriguchi.privacy.ContentCipher;

/**
 * Turns a stored LINE event into a channel-neutral {@link Turn}, or nothing for events the bot
 * does not answer (group chats, unknown event types, LINE's own notifications).
 */
@Component
class TurnTranslator {

    private final ObjectMapper lineJson = ModelObjectMapper.createNewObjectMapper();
    private final ContentCipher cipher;

    TurnTranslator(ContentCipher cipher) {
        this.cipher = cipher;
    }

    /** The parsed event and its turn; the event is empty only if the payload cannot be read. */
    Translation translate(StoredEvent stored) {
        Event event;
        try {
            event = lineJson.readValue(cipher.open(stored.payload(), InboundEvents.PAYLOAD), Event.class);
        } catch (IOException unreadable) {
            return new Translation(Optional.empty(), Optional.empty());
        }
        if (!ConversationKeys.isResident(stored.conversationKey())) {
            return new Translation(Optional.of(event), Optional.empty());
        }
        Optional<Inbound> what = inbound(event);
        ResidentId resident = new ResidentId(stored.conversationKey());
        return new Translation(Optional.of(event),
                what.map(w -> new Turn(resident, stored.webhookEventId(), Instant.ofEpochMilli(stored.eventTimestamp()), w)));
    }

    private static Optional<Inbound> inbound(Event event) {
        return switch (event) {
            case MessageEvent message -> Optional.of(message(message.message()));
            case PostbackEvent postback when postback.postback() != null && postback.postback().data() != null ->
                    Optional.of(new Inbound.ChoiceTapped(postback.postback().data()));
            case FollowEvent follow -> Optional.of(new Inbound.Followed());
            case UnfollowEvent unfollow -> Optional.of(new Inbound.Unfollowed());
            case UnsendEvent unsend when unsend.unsend() != null ->
                    Optional.of(new Inbound.Unsent(unsend.unsend().messageId()));
            default -> Optional.empty();
        };
    }

    private static Inbound message(MessageContent content) {
        return switch (content) {
            case TextMessageContent text -> new Inbound.Text(text.id(), text.text() == null ? "" : text.text());
            case StickerMessageContent sticker -> new Inbound.Media(Inbound.MediaKind.STICKER);
            case ImageMessageContent image -> new Inbound.Media(Inbound.MediaKind.IMAGE);
            case VideoMessageContent video -> new Inbound.Media(Inbound.MediaKind.VIDEO);
            case AudioMessageContent audio -> new Inbound.Media(Inbound.MediaKind.AUDIO);
            case FileMessageContent file -> new Inbound.Media(Inbound.MediaKind.FILE);
            case LocationMessageContent location -> new Inbound.Media(Inbound.MediaKind.LOCATION);
            default -> new Inbound.Media(Inbound.MediaKind.OTHER);
        };
    }

    record Translation(Optional<Event> event, Optional<Turn> turn) {
    }
}
