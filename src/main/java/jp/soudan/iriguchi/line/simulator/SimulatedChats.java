package jp.soudan.iriguchi.line.simulator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;

/**
 * The simulated residents' chats: a short history per resident, so that reloading the page shows
 * the recent conversation, and the open pages (server-sent event streams) that new messages go to.
 *
 * <p>Events sent to a page: {@code history} (all kept {@link Entry entries}, on connect),
 * {@code messages} (the LINE message objects the bot just sent), {@code loading} (seconds of the
 * bot's loading animation) and {@code rejected} (an error the fake Messaging API answered the bot
 * with, so the developer sees what LINE would have refused).
 */
final class SimulatedChats implements ApplicationListener<ContextClosedEvent> {

    /** Bounds memory when a developer keeps starting over as a new resident. */
    private static final int MAX_CHATS = 200;

    /** Browsers reconnect an event stream on their own; a bounded stream frees dead connections. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    /**
     * One line of a chat.
     *
     * @param from {@code user} (what the resident sent), {@code bot}, {@code system} (a note such as
     *     the friend-add) or {@code error} (LINE would have refused what the bot sent)
     * @param at epoch milliseconds
     * @param message a LINE message object (for {@code error}: LINE's error body)
     */
    record Entry(String from, long at, JsonNode message) {
    }

    private static final class Chat {
        final Deque<Entry> history = new ArrayDeque<>();
        final List<SseEmitter> pages = new CopyOnWriteArrayList<>();
    }

    private final Map<String, Chat> chats = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Chat> eldest) {
            if (size() <= MAX_CHATS) {
                return false;
            }
            eldest.getValue().pages.forEach(SseEmitter::complete);
            return true;
        }
    };
    private final int historySize;
    private final Clock clock;

    SimulatedChats(int historySize, Clock clock) {
        this.historySize = historySize;
        this.clock = clock;
    }

    /** Opens an event stream for a page of {@code userId}, starting with the chat's history. */
    SseEmitter open(String userId) {
        SseEmitter page = new SseEmitter(STREAM_TIMEOUT.toMillis());
        List<Entry> history;
        synchronized (this) {
            Chat chat = chat(userId);
            chat.pages.add(page);
            history = List.copyOf(chat.history);
        }
        Runnable forget = () -> forget(userId, page);
        page.onCompletion(forget);
        page.onTimeout(forget);
        page.onError(error -> forget.run());
        send(userId, page, "history", history);
        return page;
    }

    /** Keeps what the resident sent, for the history; the page shows it already. */
    void residentSent(String userId, JsonNode message) {
        remember(userId, new Entry("user", clock.millis(), message));
    }

    /** Keeps a note such as "friend added" for the history. */
    void note(String userId, JsonNode message) {
        remember(userId, new Entry("system", clock.millis(), message));
    }

    /** Shows the bot's messages on the resident's pages and keeps them. */
    void botSent(String userId, JsonNode messages) {
        for (JsonNode message : messages) {
            remember(userId, new Entry("bot", clock.millis(), message));
        }
        broadcast(userId, "messages", messages);
    }

    /** Shows the bot's loading animation on the resident's pages. */
    void loading(String userId, int seconds) {
        broadcast(userId, "loading", seconds);
    }

    /** Shows (and keeps) an error LINE would have answered the bot with. */
    void rejected(String userId, JsonNode error) {
        remember(userId, new Entry("error", clock.millis(), error));
        broadcast(userId, "rejected", error);
    }

    synchronized List<Entry> history(String userId) {
        Chat chat = chats.get(userId);
        return chat == null ? List.of() : List.copyOf(chat.history);
    }

    /**
     * Ends the open streams when the application stops: graceful shutdown would otherwise wait for
     * them, and stopping the bot during development would take half a minute.
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        List<SseEmitter> pages = new ArrayList<>();
        synchronized (this) {
            chats.values().forEach(chat -> pages.addAll(chat.pages));
        }
        pages.forEach(SseEmitter::complete);
    }

    private synchronized void remember(String userId, Entry entry) {
        Deque<Entry> history = chat(userId).history;
        history.addLast(entry);
        while (history.size() > historySize) {
            history.removeFirst();
        }
    }

    private void broadcast(String userId, String eventName, Object data) {
        List<SseEmitter> pages;
        synchronized (this) {
            Chat chat = chats.get(userId);
            pages = chat == null ? List.of() : List.copyOf(chat.pages);
        }
        pages.forEach(page -> send(userId, page, eventName, data));
    }

    private void send(String userId, SseEmitter page, String eventName, Object data) {
        try {
            page.send(SseEmitter.event().name(eventName).data(data, MediaType.APPLICATION_JSON));
        }
        catch (IOException | IllegalStateException closed) {
            forget(userId, page);
        }
    }

    private synchronized void forget(String userId, SseEmitter page) {
        Chat chat = chats.get(userId);
        if (chat != null) {
            chat.pages.remove(page);
        }
    }

    private Chat chat(String userId) {
        return chats.computeIfAbsent(userId, id -> new Chat());
    }
}
