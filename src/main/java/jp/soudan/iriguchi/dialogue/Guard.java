package jp.soudan.iriguchi.dialogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition on the slots, as written after {@code when:} in a deciding state, e.g.
 * {@code age_band in [under12, 12to15, 16to17]} or {@code topics has young-carer and yc_path is not set}.
 *
 * <p>Deliberately tiny (one slot per condition, {@code and} only): the files are edited by city
 * staff, and a guard must read like a sentence.
 *
 * @param source the text as written
 * @param conditions all must hold
 */
record Guard(String source, List<Condition> conditions) {

    private static final String SLOT = "([a-z][a-z0-9_]*)";
    private static final String VALUE = "([A-Za-z0-9_\\-]+)";
    private static final Pattern IN = Pattern.compile(SLOT + "\\s+(not\\s+)?in\\s*\\[([^\\]]*)\\]");
    private static final Pattern COMPARE = Pattern.compile(SLOT + "\\s*(==|!=)\\s*" + VALUE);
    private static final Pattern HAS = Pattern.compile(SLOT + "\\s+has\\s+" + VALUE);
    private static final Pattern IS_SET = Pattern.compile(SLOT + "\\s+is\\s+(not\\s+)?set");
    private static final Pattern VALUE_ONLY = Pattern.compile(VALUE);

    Guard {
        conditions = List.copyOf(conditions);
    }

    /**
     * @throws IllegalArgumentException saying what form was expected
     */
    static Guard parse(String source) {
        List<Condition> conditions = new ArrayList<>();
        for (String part : source.strip().split("\\s+and\\s+")) {
            conditions.add(condition(part.strip()));
        }
        return new Guard(source, conditions);
    }

    boolean test(Slots slots) {
        return conditions.stream().allMatch(c -> c.test(slots));
    }

    /** The slots it reads. */
    Set<String> reads() {
        Set<String> reads = new LinkedHashSet<>();
        conditions.forEach(c -> reads.add(c.slot()));
        return reads;
    }

    @Override
    public String toString() {
        return source;
    }

    private static Condition condition(String text) {
        Matcher m;
        if ((m = IN.matcher(text)).matches()) {
            List<String> values = Arrays.stream(m.group(3).split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
            for (String value : values) {
                if (!VALUE_ONLY.matcher(value).matches()) {
                    throw new IllegalArgumentException("'" + value + "' is not a plain value (letters, digits, - and _)");
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("the list after 'in' is empty");
            }
            return new Condition(m.group(1), m.group(2) == null ? Operator.IN : Operator.NOT_IN, values);
        }
        if ((m = COMPARE.matcher(text)).matches()) {
            return new Condition(m.group(1), m.group(2).equals("==") ? Operator.IN : Operator.NOT_IN, List.of(m.group(3)));
        }
        if ((m = HAS.matcher(text)).matches()) {
            return new Condition(m.group(1), Operator.HAS, List.of(m.group(2)));
        }
        if ((m = IS_SET.matcher(text)).matches()) {
            return new Condition(m.group(1), m.group(2) == null ? Operator.SET : Operator.NOT_SET, List.of());
        }
        throw new IllegalArgumentException("cannot read '" + text + "'; write one of: slot in [a, b], slot not in [a, b],"
                + " slot == a, slot != a, slot has a, slot is set, slot is not set (joined with 'and')");
    }

    enum Operator { IN, NOT_IN, HAS, SET, NOT_SET }

    /**
     * @param slot the slot it reads
     * @param operator how
     * @param values the values it compares with
     */
    record Condition(String slot, Operator operator, List<String> values) {

        Condition {
            values = List.copyOf(values);
        }

        boolean test(Slots slots) {
            List<String> present = slots.values(slot);
            return switch (operator) {
                case IN -> present.size() == 1 && values.contains(present.getFirst());
                case NOT_IN -> present.size() != 1 || !values.contains(present.getFirst());
                case HAS -> present.containsAll(values);
                case SET -> !present.isEmpty();
                case NOT_SET -> present.isEmpty();
            };
        }
    }
}
