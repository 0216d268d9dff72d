package jp.soudan.iriguchi.line;

import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.GroupSource;
import com.linecorp.bot.webhook.model.RoomSource;
import com.linecorp.bot.webhook.model.Source;
import com.linecorp.bot.webhook.model.UserSource;

/**
 * Which queue an event belongs to: one per LINE user (a 1:1 chat with the account). Events from
 * groups and rooms get their own queues and are stored but not answered: consultation is 1:1.
 */
final class ConversationKeys {

    static final String GROUP_PREFIX = "group:";
    static final String ROOM_PREFIX = "room:";
    static final String NO_SOURCE = "none:";

    private ConversationKeys() {
    }

    static String of(Event event) {
        Source source = event.source();
        if (source instanceof UserSource user && user.userId() != null) {
            return user.userId();
        }
        if (source instanceof GroupSource group && group.groupId() != null) {
            return GROUP_PREFIX + group.groupId();
        }
        if (source instanceof RoomSource room && room.roomId() != null) {
            return ROOM_PREFIX + room.roomId();
        }
        return NO_SOURCE;
    }

    static boolean isResident(String conversationKey) {
        return !conversationKey.contains(":");
    }
}
