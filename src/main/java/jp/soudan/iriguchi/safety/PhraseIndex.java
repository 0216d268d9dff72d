package jp.soudan.iriguchi.safety;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Finds every occurrence of every phrase in a normalised text in one pass: a character trie
 * walked from each position, O(text length × longest phrase), independent of how many phrases
 * the city lists. Built once at start-up; read-only afterwards, so safe to share between threads.
 */
final class PhraseIndex {

    /** A normalised phrase; anchored ends must coincide with the message's ends. */
    record Phrase(String text, boolean wholeMessageStart, boolean wholeMessageEnd) {
    }

    /** Where phrase number {@code phrase} occurs: {@code text.substring(start, end)}. */
    record Occurrence(int phrase, int start, int end) {

        boolean overlaps(int otherStart, int otherEnd) {
            return start < otherEnd && otherStart < end;
        }
    }

    private final List<Phrase> phrases;
    private final Node root;

    PhraseIndex(List<Phrase> phrases) {
        this.phrases = List.copyOf(phrases);
        Builder builder = new Builder();
        for (int id = 0; id < this.phrases.size(); id++) {
            Builder node = builder;
            for (char c : this.phrases.get(id).text().toCharArray()) {
                node = node.children.computeIfAbsent(c, key -> new Builder());
            }
            node.phraseIds = append(node.phraseIds, id);
        }
        this.root = builder.freeze();
    }

    List<Occurrence> find(String text) {
        List<Occurrence> found = new ArrayList<>();
        for (int start = 0; start < text.length(); start++) {
            Node node = root;
            for (int end = start; end < text.length(); end++) {
                node = node.child(text.charAt(end));
                if (node == null) {
                    break;
                }
                for (int id : node.phraseIds) {
                    if (fits(phrases.get(id), text, start, end + 1)) {
                        found.add(new Occurrence(id, start, end + 1));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Anchors, and word boundaries for latin: "od" is a phrase, "good" and "period" are not
     * occurrences of it.
     */
    private static boolean fits(Phrase phrase, String text, int start, int end) {
        if (phrase.wholeMessageStart() && start != 0) {
            return false;
        }
        if (phrase.wholeMessageEnd() && end != text.length()) {
            return false;
        }
        String p = phrase.text();
        if (isLatinLetter(p.charAt(0)) && start > 0 && isLatinLetter(text.charAt(start - 1))) {
            return false;
        }
        return !(isLatinLetter(p.charAt(p.length() - 1)) && end < text.length()
                && isLatinLetter(text.charAt(end)));
    }

    private static boolean isLatinLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static int[] append(int[] ids, int id) {
        int[] longer = Arrays.copyOf(ids, ids.length + 1);
        longer[ids.length] = id;
        return longer;
    }

    /** A trie node while phrases are added. */
    private static final class Builder {
        final Map<Character, Builder> children = new HashMap<>(4);
        int[] phraseIds = new int[0];

        Node freeze() {
            List<Character> sorted = children.keySet().stream().sorted().toList();
            char[] keys = new char[sorted.size()];
            Node[] next = new Node[sorted.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = sorted.get(i);
                next[i] = children.get(keys[i]).freeze();
            }
            return new Node(keys, next, phraseIds);
        }
    }

    /** A read-only trie node: sorted keys, a few bytes each, searched by bisection. */
    private record Node(char[] keys, Node[] next, int[] phraseIds) {

        @Nullable Node child(char c) {
            int i = Arrays.binarySearch(keys, c);
            return i < 0 ? null : next[i];
        }
    }
}
