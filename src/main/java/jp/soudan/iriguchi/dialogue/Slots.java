package jp.soudan.iriguchi.dialogue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a conversation has gathered: slot name → one value or a list of values.
 *
 * <p>Names starting with {@code _} belong to the engine (language, where to go back to, misses,
 * which message filled which slot); the others are the answers named in the dialogue files.
 * Stored as JSON with the conversation. Not thread-safe: one turn owns it at a time.
 */
final class Slots {

    static final String LANGUAGE = "_lang";
    static final String RETURN_TO = "_return";
    static final String MISSES = "_misses";
    private static final String MESSAGE_IDS = "_ids.";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private final Map<String, Object> values;

    Slots() {
        this(new LinkedHashMap<>());
    }

    private Slots(Map<String, Object> values) {
        this.values = values;
    }

    static Slots fromJson(String json) {
        Map<String, Object> read = JSON.readValue(json, MAP);
        Map<String, Object> values = new LinkedHashMap<>();
        read.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                values.put(name, new ArrayList<>(list.stream().map(String::valueOf).toList()));
            } else if (value != null) {
                values.put(name, String.valueOf(value));
            }
        });
        return new Slots(values);
    }

    String toJson() {
        return JSON.writeValueAsString(values);
    }

    Slots copy() {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, value instanceof List<?> list ? new ArrayList<>(list) : value));
        return new Slots(copy);
    }

    /** The slot's values: none when unset, one for a single value, all of a list. */
    @SuppressWarnings("unchecked")
    List<String> values(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? List.copyOf((List<String>) list) : List.of((String) value);
    }

    /** The LINE messages a free-text slot's values came from, in the same order (empty when not from messages). */
    List<String> messageIds(String name) {
        return values(MESSAGE_IDS + name);
    }

    @Nullable
    String value(String name) {
        List<String> present = values(name);
        return present.isEmpty() ? null : String.join("\n", present);
    }

    boolean isSet(String name) {
        return !values(name).isEmpty();
    }

    void set(String name, String value) {
        values.put(name, value);
    }

    /** Adds a value to a list slot unless it is there already. */
    void add(String name, String value) {
        List<String> list = list(name);
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    /** Appends a value to a list slot (free text: the same words twice are two messages). */
    void append(String name, String value) {
        list(name).add(value);
    }

    void remove(String name) {
        values.remove(name);
        values.remove(MESSAGE_IDS + name);
    }

    /** Free text stored in a slot: remembers which message it came from, so that an unsend removes it. */
    void setFromMessage(String name, String text, String messageId, boolean append) {
        if (append) {
            append(name, text);
            list(MESSAGE_IDS + name).add(messageId);
        } else {
            set(name, text);
            values.put(MESSAGE_IDS + name, new ArrayList<>(List.of(messageId)));
        }
    }

    /**
     * The resident took a message back: its words leave every slot they went into.
     *
     * @return whether anything was removed
     */
    boolean forgetMessage(String messageId) {
        boolean removed = false;
        for (String key : List.copyOf(values.keySet())) {
            if (!key.startsWith(MESSAGE_IDS) || !values.containsKey(key)) {
                continue;
            }
            String slot = key.substring(MESSAGE_IDS.length());
            List<String> ids = list(key);
            int index = ids.indexOf(messageId);
            if (index < 0) {
                continue;
            }
            removed = true;
            Object value = values.get(slot);
            if (value instanceof List<?> list && list.size() == ids.size()) {
                list.remove(index);
                ids.remove(index);
                if (list.isEmpty()) {
                    remove(slot);
                }
            } else {
                remove(slot);
            }
        }
        return removed;
    }

    /** Forgets every answer and engine note but the language: a fresh start. */
    void clearAnswers() {
        Iterator<String> names = values.keySet().iterator();
        while (names.hasNext()) {
            if (!names.next().equals(LANGUAGE)) {
                names.remove();
            }
        }
    }

    /** Forgets the answers (not the engine's notes) except the named ones. */
    void clearAnswersExcept(List<String> keep) {
        values.keySet().removeIf(name -> !name.startsWith("_") && !keep.contains(name));
        values.keySet().removeIf(name -> name.startsWith(MESSAGE_IDS) && !keep.contains(name.substring(MESSAGE_IDS.length())));
    }

    String language(String fallback) {
        return Objects.requireNonNullElse(value(LANGUAGE), fallback);
    }

    int misses() {
        String count = value(MISSES);
        return count == null ? 0 : Integer.parseInt(count);
    }

    @SuppressWarnings("unchecked")
    private List<String> list(String name) {
        Object value = values.get(name);
        if (value instanceof List<?> list) {
            return (List<String>) list;
        }
        List<String> list = new ArrayList<>();
        if (value != null) {
            list.add((String) value);
        }
        values.put(name, list);
        return list;
    }

    /** Names only: the values may be what a resident wrote. */
    @Override
    public String toString() {
        return "Slots" + values.keySet();
    }
}
