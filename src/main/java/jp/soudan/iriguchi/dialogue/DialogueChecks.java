package jp.soudan.iriguchi.dialogue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.soudan.iriguchi.dialogue.DialogueFileException.Problem;
import jp.soudan.iriguchi.line.Reply;

/**
 * The checks that need every file at once: where each transition leads, whether every state can
 * be reached, whether a slot can have been set where it is read, and LINE's limits on what a
 * state offers.
 */
final class DialogueChecks {

    /** Placeholders that are always there (from configuration). */
    static final Set<String> CONSTANTS = Set.of("desk_phone");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");
    /** Most messages one state sends at once: with the engine's own first line, a reply holds five. */
    static final int MAX_STATE_MESSAGES = 3;

    private final DialogueBook book;
    private final List<Problem> problems = new ArrayList<>();

    private DialogueChecks(DialogueBook book) {
        this.book = book;
    }

    static List<Problem> check(DialogueBook book) {
        DialogueChecks checks = new DialogueChecks(book);
        checks.run();
        return checks.problems;
    }

    private void run() {
        String start = book.start();
        if (!book.states().containsKey(start)) {
            problems.add(new Problem(book.startWhere(), "'start' names the state '" + start + "', which is not defined"));
            return;
        }
        if (book.state(start).decides()) {
            problems.add(new Problem(book.startWhere(), "the start state must say something; '" + start + "' decides"));
        }
        book.events().forEach((event, target) -> waitingTarget(target, book.eventWhere(event), "event " + event));
        book.commands().values().forEach(this::command);
        book.states().values().forEach(this::state);
        commonTexts();
        blocks();
        typedWordsAreUnambiguous();
        if (problems.isEmpty()) {
            new Flow().check();
        }
    }

    // ---- one state -----------------------------------------------------------------------------

    private void state(StateSpec state) {
        String where = "state " + state.id();
        if (state.decides()) {
            for (Branch branch : state.decide()) {
                if (branch.go().equals(StateSpec.STAY) || branch.go().equals(StateSpec.BACK)) {
                    problems.add(new Problem(branch.where(), where + ": a deciding state goes to a state, not '" + branch.go() + "'"));
                } else {
                    target(branch.go(), branch.where(), where);
                }
                actions(branch.actions(), branch.where(), where);
            }
            return;
        }
        messages(state.say(), where + " say");
        messages(state.again(), where + " again");
        if (state.again().stream().anyMatch(MessageSpec.FaqCards.class::isInstance)) {
            problems.add(new Problem(state.where(), where + ": FAQ cards can only be in 'say' (they are found once)"));
        }
        if (state.say().stream().anyMatch(MessageSpec.FaqCards.class::isInstance) && state.again().isEmpty()) {
            problems.add(new Problem(state.where(), where + ": shows FAQ cards, so it needs 'again:' for when it is asked again"));
        }
        int offered = state.choices().size() + (state.skip() != null ? 1 : 0);
        if (offered > Reply.MAX_CHOICES) {
            problems.add(new Problem(state.where(), where + ": offers " + offered + " choices; LINE shows at most "
                    + Reply.MAX_CHOICES + " quick replies (split them over two states, e.g. a second page)"));
        }
        if (state.skip() != null) {
            target(state.skip(), state.where(), where + " skip");
        }
        for (ChoiceSpec choice : state.choices()) {
            choice(state, choice);
        }
        long skips = state.choices().stream().filter(ChoiceSpec::skip).count() + (state.skip() != null ? 1 : 0);
        if (skips > 1) {
            problems.add(new Problem(state.where(), where + ": only one choice can be the skip"));
        }
        if (state.text() != null) {
            TextSpec text = state.text();
            target(text.go(), text.where(), where + " text");
            actions(text.actions(), text.where(), where + " text");
            if (text.slot() != null && ReferralSlots.DOMAINS.containsKey(text.slot())) {
                problems.add(new Problem(text.where(), where + ": free text cannot go into '" + text.slot()
                        + "', whose values are fixed (" + ReferralSlots.DOMAINS.get(text.slot()) + ")"));
            }
        }
    }

    private void choice(StateSpec state, ChoiceSpec choice) {
        String where = "state " + state.id() + " choice " + choice.id();
        if (choice.isCommand()) {
            if (!book.commands().containsKey(choice.command())) {
                problems.add(new Problem(choice.where(), "state " + state.id() + ": offers the command '" + choice.command()
                        + "', which is not defined (commands: " + book.commands().keySet() + ")"));
            }
            return;
        }
        if (choice.label() != null) {
            label(choice.label(), where);
        }
        target(choice.go(), choice.where(), where);
        actions(choice.actions(), choice.where(), where);
        choice.set().forEach((slot, value) -> slotValue(slot, value, choice.where(), where));
        choice.add().forEach((slot, value) -> slotValue(slot, value, choice.where(), where));
    }

    private void slotValue(String slot, String value, Where at, String where) {
        if (slot.equals(ReferralSlots.TOPICS) && !book.topics().containsKey(value)) {
            problems.add(new Problem(at, where + ": '" + value + "' is not a topic of topics.yaml"));
        }
        Set<String> domain = ReferralSlots.DOMAINS.get(slot);
        if (domain != null && !domain.contains(value)) {
            problems.add(new Problem(at, where + ": " + slot + " can only be one of " + new java.util.TreeSet<>(domain)
                    + ", not '" + value + "'"));
        }
    }

    private void command(CommandSpec command) {
        String where = "command " + command.name();
        label(command.label(), where);
        if (command.go() != null) {
            waitingTarget(command.go(), command.where(), where);
        }
        actions(command.actions(), command.where(), where);
    }

    private void commonTexts() {
        for (String key : List.of("skip", "faq-helpful", "faq-not-helpful")) {
            Localized label = book.common().get(key);
            if (label != null) {
                label(label, "common " + key);
            }
        }
        book.common().forEach((key, text) -> placeholders(text, Set.of(), "common " + key));
    }

    private void blocks() {
        book.blocks().forEach((name, messages) -> {
            for (MessageSpec message : messages) {
                if (message instanceof MessageSpec.FaqCards cards) {
                    problems.add(new Problem(cards.where(), "block " + name + ": FAQ cards belong to a state"));
                }
                texts(message).forEach(text -> placeholders(text, Set.of(), "block " + name));
            }
            if (messages.size() > MAX_STATE_MESSAGES) {
                problems.add(new Problem(messages.getFirst().where(), "block " + name + ": at most " + MAX_STATE_MESSAGES + " messages"));
            }
        });
    }

    private void typedWordsAreUnambiguous() {
        Map<String, String> owners = new HashMap<>();
        book.skipWords().all().forEach(word -> owners.put(TypedWords.key(word), "the skip words"));
        for (CommandSpec command : book.commands().values()) {
            for (String word : command.words().all()) {
                String key = TypedWords.key(word);
                String owner = owners.putIfAbsent(key, "command " + command.name());
                if (owner != null && !owner.equals("command " + command.name())) {
                    problems.add(new Problem(command.words().where(), "command " + command.name() + ": the word '" + word
                            + "' also belongs to " + owner));
                }
            }
        }
    }

    // ---- pieces --------------------------------------------------------------------------------

    private void label(Localized label, String where) {
        label.byLanguage().forEach((language, text) -> {
            if (text.length() > Reply.MAX_LABEL) {
                problems.add(new Problem(label.where(), where + ": the " + language + " label '" + text + "' has " + text.length()
                        + " characters; LINE allows " + Reply.MAX_LABEL));
            }
        });
    }

    private void messages(List<MessageSpec> messages, String where) {
        if (messages.size() > MAX_STATE_MESSAGES) {
            problems.add(new Problem(messages.get(MAX_STATE_MESSAGES).where(), where + ": at most " + MAX_STATE_MESSAGES
                    + " messages (LINE takes five per reply, and the engine may add one)"));
        }
        for (MessageSpec message : messages) {
            for (Localized text : texts(message)) {
                text.byLanguage().forEach((language, value) -> {
                    if (value.length() > Reply.MAX_TEXT - 500) {
                        problems.add(new Problem(text.where(), where + ": the " + language + " text is too long for LINE"));
                    }
                });
            }
        }
    }

    private void target(String target, Where at, String where) {
        if (target.equals(StateSpec.STAY) || target.equals(StateSpec.BACK)) {
            return;
        }
        if (!book.states().containsKey(target)) {
            problems.add(new Problem(at, where + ": goes to '" + target + "', which is not a state" + nearest(target)));
        }
    }

    private void waitingTarget(String target, Where at, String where) {
        if (!book.states().containsKey(target)) {
            problems.add(new Problem(at, where + ": goes to '" + target + "', which is not a state" + nearest(target)));
        } else if (book.state(target).decides()) {
            problems.add(new Problem(at, where + ": must go to a state that says something, not the deciding state '" + target + "'"));
        }
    }

    /** A hint for a misspelled target: the state id within a few edits of it. */
    private String nearest(String target) {
        String best = null;
        int bestDistance = 4;
        for (String id : book.states().keySet()) {
            int distance = editDistance(target, id);
            if (distance < bestDistance) {
                best = id;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private void actions(List<String> actions, Where at, String where) {
        for (String action : actions) {
            if (ActionName.of(action).isEmpty()) {
                problems.add(new Problem(at, where + ": unknown action '" + action + "' (known: " + ActionName.known() + ")"));
            } else if (action.equals(ActionName.CRISIS_HELP.yamlName()) && !book.blocks().containsKey("crisis-help")) {
                problems.add(new Problem(at, where + ": the action crisis-help needs a block named crisis-help"));
            }
        }
    }

    private void placeholders(Localized text, Set<String> available, String where) {
        for (String read : reads(text)) {
            if (!available.contains(read) && !CONSTANTS.contains(read)) {
                problems.add(new Problem(text.where(), where + ": reads {" + read + "}, which cannot have been set here"));
            }
        }
    }

    static Set<String> reads(Localized text) {
        Set<String> reads = new LinkedHashSet<>();
        for (String value : text.byLanguage().values()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                reads.add(m.group(1));
            }
        }
        return reads;
    }

    static List<Localized> texts(MessageSpec message) {
        return switch (message) {
            case MessageSpec.Text text -> List.of(text.text());
            case MessageSpec.Card card -> {
                List<Localized> texts = new ArrayList<>();
                texts.add(card.title());
                if (card.body() != null) {
                    texts.add(card.body());
                }
                texts.addAll(card.details());
                yield texts;
            }
            case MessageSpec.FaqCards cards -> List.of();
        };
    }

    // ---- the flow of the whole conversation ----------------------------------------------------

    /**
     * The states as a graph: which can be reached from the start, and which slots may have been set
     * on arrival at each (a may-analysis: every question is skippable, so "set on some way here" is
     * what a read needs; a read with no way at all is a mistake in the file).
     */
    private final class Flow {

        /**
         * @param to where it leads
         * @param sets slots set on the way
         * @param carries whether what was set before goes along (not after a fresh start, and not
         *        on the way back, which returns to a state with what it had)
         */
        private record Edge(String to, Set<String> sets, boolean carries) {
        }

        private final Map<String, List<Edge>> edges = new HashMap<>();
        private final Map<String, Set<String>> staySets = new HashMap<>();

        void check() {
            for (StateSpec state : book.states().values()) {
                edges.put(state.id(), new ArrayList<>());
                staySets.put(state.id(), new HashSet<>());
            }
            book.states().values().forEach(this::collect);
            Set<String> reached = reachable();
            for (StateSpec state : book.states().values()) {
                if (!reached.contains(state.id())) {
                    problems.add(new Problem(state.where(), "state " + state.id() + " cannot be reached: nothing goes to it"));
                }
            }
            if (!problems.isEmpty()) {
                return;
            }
            Map<String, Set<String>> arrive = arrivals();
            for (StateSpec state : book.states().values()) {
                Set<String> onArrival = arrive.get(state.id());
                Set<String> inside = new HashSet<>(onArrival);
                inside.addAll(staySets.get(state.id()));
                for (Branch branch : state.decide()) {
                    if (branch.when() == null) {
                        continue;
                    }
                    for (String read : branch.when().reads()) {
                        if (!onArrival.contains(read)) {
                            problems.add(new Problem(branch.where(), "state " + state.id() + ": the guard '" + branch.when()
                                    + "' reads " + read + ", which no way into this state can have set"));
                        }
                    }
                }
                for (MessageSpec message : state.say()) {
                    texts(message).forEach(text -> placeholders(text, onArrival, "state " + state.id() + " say"));
                }
                for (MessageSpec message : state.again()) {
                    texts(message).forEach(text -> placeholders(text, inside, "state " + state.id() + " again"));
                }
            }
        }

        private void collect(StateSpec state) {
            String id = state.id();
            if (state.decides()) {
                for (Branch branch : state.decide()) {
                    edges.get(id).add(new Edge(branch.go(), fills(branch.actions()), true));
                }
                return;
            }
            for (ChoiceSpec choice : state.choices()) {
                if (choice.isCommand()) {
                    continue;
                }
                Set<String> sets = new HashSet<>(choice.set().keySet());
                sets.addAll(choice.add().keySet());
                sets.addAll(fills(choice.actions()));
                leave(id, choice.go(), sets, choice.clear());
            }
            if (state.skip() != null) {
                leave(id, state.skip(), Set.of(), false);
            }
            if (state.text() != null) {
                Set<String> sets = new HashSet<>(fills(state.text().actions()));
                if (state.text().slot() != null) {
                    sets.add(state.text().slot());
                }
                leave(id, state.text().go(), sets, state.text().clear());
            }
            for (CommandSpec command : book.commands().values()) {
                if (command.go() != null) {
                    leave(id, command.go(), fills(command.actions()), command.clear());
                }
            }
            for (String target : book.events().values()) {
                leave(id, target, Set.of(), false);
            }
        }

        private void leave(String from, String to, Set<String> sets, boolean clears) {
            switch (to) {
                case StateSpec.STAY -> staySets.get(from).addAll(sets);
                case StateSpec.BACK -> {
                    // Back returns to a state the resident was in, with what it had then: it
                    // reaches nothing new, and only what was set on the way goes along.
                    for (StateSpec state : book.states().values()) {
                        if (!state.decides()) {
                            edges.get(from).add(new Edge(state.id(), sets, false));
                        }
                    }
                }
                default -> edges.get(from).add(new Edge(to, sets, !clears));
            }
        }

        private Set<String> fills(List<String> actions) {
            Set<String> fills = new HashSet<>();
            actions.forEach(a -> ActionName.of(a).ifPresent(action -> fills.addAll(action.fills())));
            return fills;
        }

        private Set<String> reachable() {
            Set<String> reached = new HashSet<>();
            Deque<String> work = new ArrayDeque<>(List.of(book.start()));
            book.events().values().forEach(work::add);
            book.commands().values().stream().filter(c -> c.go() != null).forEach(c -> work.add(c.go()));
            while (!work.isEmpty()) {
                String state = work.pop();
                if (!reached.add(state)) {
                    continue;
                }
                StateSpec spec = book.state(state);
                // Back edges only return to where the resident has been: they reach nothing by themselves.
                for (ChoiceSpec choice : spec.choices()) {
                    if (!choice.isCommand() && book.states().containsKey(choice.go())) {
                        work.add(choice.go());
                    }
                }
                if (spec.skip() != null) {
                    work.add(spec.skip());
                }
                if (spec.text() != null && book.states().containsKey(spec.text().go())) {
                    work.add(spec.text().go());
                }
                spec.decide().forEach(b -> work.add(b.go()));
            }
            return reached;
        }

        private Map<String, Set<String>> arrivals() {
            Map<String, Set<String>> arrive = new HashMap<>();
            book.states().keySet().forEach(id -> arrive.put(id, new HashSet<>()));
            arrive.get(book.start()).addAll(ReferralSlots.ENGINE_FILLED);
            Deque<String> work = new ArrayDeque<>(book.states().keySet());
            while (!work.isEmpty()) {
                String from = work.pop();
                Set<String> inside = new HashSet<>(arrive.get(from));
                inside.addAll(staySets.get(from));
                inside.addAll(ReferralSlots.ENGINE_FILLED);
                for (Edge edge : edges.get(from)) {
                    Set<String> target = arrive.get(edge.to());
                    boolean changed = (edge.carries() && target.addAll(inside)) | target.addAll(edge.sets())
                            | target.addAll(ReferralSlots.ENGINE_FILLED);
                    if (changed) {
                        work.add(edge.to());
                    }
                }
            }
            return arrive;
        }
    }
}
