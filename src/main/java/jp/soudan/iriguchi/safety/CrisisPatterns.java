package jp.soudan.iriguchi.safety;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jp.soudan.iriguchi.safety.PhraseIndex.Occurrence;
import jp.soudan.iriguchi.safety.PhraseIndex.Phrase;
import org.jspecify.annotations.Nullable;

/**
 * The compiled pattern file: decides which kinds of danger a text signals.
 *
 * <p>How a text is judged: it is normalised ({@link TextNormaliser}); every phrase of every rule
 * is found in it; phrases of the {@code not-crisis} rules (idioms such as 死にたいくらい恥ずかしい,
 * topics such as 自殺予防の講座) hide whatever crisis phrase they overlap; a crisis rule matches
 * when one phrase of each of its groups is left visible within its window. Exceptions only hide
 * what they overlap, so "死ぬほど眠いけど、もう死にたい" still signals danger.
 */
final class CrisisPatterns {

    /**
     * One compiled rule.
     *
     * @param kind   the kind it signals; null for a {@code not-crisis} exception
     * @param groups per group, the phrases of which one must occur
     * @param within the most characters (normalised) that one occurrence of every group may span
     */
    record Rule(String id, @Nullable CrisisKind kind, List<List<Phrase>> groups, int within) {

        boolean isException() {
            return kind == null;
        }
    }

    /** What matched in one text: the kinds, and (for tests and the file's examples) which rules. */
    record Evaluation(Set<CrisisKind> kinds, Set<String> crisisRules, Set<String> exceptionRules) {
    }

    private final List<Rule> rules;
    private final PhraseIndex index;
    /** For each phrase id, the (rule, group) pairs it belongs to, as rule * GROUPS + group. */
    private final int[][] memberships;
    private static final int GROUPS = 64;

    CrisisPatterns(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<Phrase, Integer> ids = new LinkedHashMap<>();
        Map<Integer, List<Integer>> membershipLists = new HashMap<>();
        for (int r = 0; r < this.rules.size(); r++) {
            List<List<Phrase>> groups = this.rules.get(r).groups();
            if (groups.isEmpty() || groups.size() >= GROUPS) {
                throw new IllegalArgumentException("a rule needs 1 to " + (GROUPS - 1) + " groups");
            }
            for (int g = 0; g < groups.size(); g++) {
                for (Phrase phrase : groups.get(g)) {
                    int id = ids.computeIfAbsent(phrase, key -> ids.size());
                    List<Integer> list = membershipLists.computeIfAbsent(id, key -> new ArrayList<>());
                    int packed = r * GROUPS + g;
                    if (!list.contains(packed)) {
                        list.add(packed);
                    }
                }
            }
        }
        this.index = new PhraseIndex(List.copyOf(ids.keySet()));
        this.memberships = new int[ids.size()][];
        membershipLists.forEach((id, list) ->
                memberships[id] = list.stream().mapToInt(Integer::intValue).toArray());
    }

    List<Rule> rules() {
        return rules;
    }

    Evaluation evaluate(String text) {
        String normalised = TextNormaliser.normalise(text);
        if (normalised.isEmpty()) {
            return new Evaluation(Set.of(), Set.of(), Set.of());
        }
        List<Occurrence> occurrences = index.find(normalised);
        if (occurrences.isEmpty()) {
            return new Evaluation(Set.of(), Set.of(), Set.of());
        }
        Map<Integer, List<List<Occurrence>>> byRule = groupByRule(occurrences);

        List<int[]> hidden = new ArrayList<>();
        Set<String> exceptionRules = new LinkedHashSet<>();
        byRule.forEach((r, groups) -> {
            Rule rule = rules.get(r);
            if (rule.isException()) {
                List<int[]> spans = spans(rule, groups, List.of(), true);
                if (!spans.isEmpty()) {
                    hidden.addAll(spans);
                    exceptionRules.add(rule.id());
                }
            }
        });

        Set<CrisisKind> kinds = EnumSet.noneOf(CrisisKind.class);
        Set<String> crisisRules = new LinkedHashSet<>();
        byRule.forEach((r, groups) -> {
            Rule rule = rules.get(r);
            if (!rule.isException() && !spans(rule, groups, hidden, false).isEmpty()) {
                kinds.add(rule.kind());
                crisisRules.add(rule.id());
            }
        });
        return new Evaluation(kinds, crisisRules, exceptionRules);
    }

    private Map<Integer, List<List<Occurrence>>> groupByRule(List<Occurrence> occurrences) {
        Map<Integer, List<List<Occurrence>>> byRule = new TreeMap<>();
        for (Occurrence occurrence : occurrences) {
            for (int packed : memberships[occurrence.phrase()]) {
                int r = packed / GROUPS;
                int g = packed % GROUPS;
                List<List<Occurrence>> groups = byRule.computeIfAbsent(r, key -> {
                    List<List<Occurrence>> empty = new ArrayList<>();
                    for (int i = 0; i < rules.get(key).groups().size(); i++) {
                        empty.add(new ArrayList<>(2));
                    }
                    return empty;
                });
                groups.get(g).add(occurrence);
            }
        }
        return byRule;
    }

    /**
     * The spans where the rule matches: windows of at most {@code within} characters holding a
     * visible occurrence of every group. Stops at the first unless {@code all} is asked.
     */
    private static List<int[]> spans(Rule rule, List<List<Occurrence>> groups, List<int[]> hidden, boolean all) {
        List<List<Occurrence>> visible = new ArrayList<>(groups.size());
        for (List<Occurrence> group : groups) {
            List<Occurrence> shown = hidden.isEmpty() ? group
                    : group.stream().filter(o -> hidden.stream().noneMatch(h -> o.overlaps(h[0], h[1]))).toList();
            if (shown.isEmpty()) {
                return List.of();
            }
            visible.add(shown);
        }
        List<int[]> spans = new ArrayList<>();
        if (visible.size() == 1) {
            for (Occurrence o : visible.getFirst()) {
                spans.add(new int[] {o.start(), o.end()});
                if (!all) {
                    break;
                }
            }
            return spans;
        }
        for (List<Occurrence> anchors : visible) {
            for (Occurrence anchor : anchors) {
                int[] span = windowFrom(anchor.start(), anchor.start() + rule.within(), visible);
                if (span != null) {
                    spans.add(span);
                    if (!all) {
                        return spans;
                    }
                }
            }
        }
        return spans;
    }

    private static int @Nullable [] windowFrom(int start, int limit, List<List<Occurrence>> visible) {
        int end = start;
        for (List<Occurrence> group : visible) {
            Occurrence inside = null;
            for (Occurrence o : group) {
                if (o.start() >= start && o.end() <= limit && (inside == null || o.end() < inside.end())) {
                    inside = o;
                }
            }
            if (inside == null) {
                return null;
            }
            end = Math.max(end, inside.end());
        }
        return new int[] {start, end};
    }
}
