package jp.soudan.iriguchi.line;

import org.springframework.stereotype.Component;

import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.GroupSource;
import com.linecorp.bot.webhook.model.RoomSource;
import com.linecorp.bot.webhook.model.Source;
import com.linecorp.bot.webhook.model.UserSource;

import jp.soudan.iriguchi.privacy.Pseudonyms;

/**
 * Which queue an event belongs to: one per LINE user (a 1:1 chat with the account), named by the
 * user's pseudonym, never by the user id. Events from groups and rooms get their own queues and
 * are stored but not answered: consultation is 1:1.
 */
@Component
class ConversationKeys {

    private static final String GROUP_PREFIX = "group:";
    private static final String ROOM_PREFIX = "room:";
    private static final String NO_SOURCE = "none:";

    private final Pseudonyms pseudonyms;

    ConversationKeys(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    String of(Event event) {
        Source source = event.source();
        if (source instanceof UserSource user && user.userId() != null) {
            return pseudonyms.subjectOf(user.userId());
        }
        if (source instanceof GroupSource group && group.groupId() != null) {
            return GROUP_PREFIX + pseudonyms.subjectOf(group.groupId());
        }
        if (source instanceof RoomSource room && room.roomId() != null) {
            return ROOM_PREFIX + pseudonyms.subjectOf(room.roomId());
        }
        return NO_SOURCE;
    }

    /** The LINE user id of a 1:1 event, or null for anything else. */
    static String userIdOf(Event event) {
        return event.source() instanceof UserSource user ? user.userId() : null;
    }

    static boolean isResident(String conversationKey) {
        return !conversationKey.contains(":");
    }
}
