package jp.soudan.iriguchi.dialogue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import jp.soudan.iriguchi.dialogue.DialogueFileException.Problem;

/**
 * Reads every {@code *.yaml} file of the dialogue directory into one {@link DialogueBook}, keeping
 * the line of everything it reads (SnakeYAML's node marks), so that each problem names its file and
 * line. The format is documented in {@code dialogues/README.md}.
 *
 * <p>Reading stops at nothing it can go past: all problems of all files are reported at once.
 * Checks that need the whole book (dangling targets, unreachable states, slots read before they can
 * be set) are {@link DialogueChecks}'.
 */
final class DialogueFiles {

    private static final Set<String> FILE_KEYS = Set.of("languages", "start", "states", "commands", "events",
            "misses-before-offer", "common", "skip-words", "blocks");
    private static final Set<String> STATE_KEYS = Set.of("say", "again", "choices", "skip", "text", "decide", "resting");
    private static final Set<String> CHOICE_KEYS = Set.of("id", "label", "says", "set", "add", "clear", "go", "do", "skip",
            "command");
    private static final Set<String> TEXT_KEYS = Set.of("slot", "append", "clear", "go", "do");
    private static final Set<String> BRANCH_KEYS = Set.of("when", "go", "do");
    private static final Set<String> COMMAND_KEYS = Set.of("words", "label", "go", "clear", "language", "do");
    private static final Set<String> CARD_KEYS = Set.of("title", "body", "details");
    private static final Set<String> MESSAGE_KEYS = Set.of("text", "card", "cards");
    private static final String FAQ_RESULTS = "faq-results";

    private final List<Problem> problems = new ArrayList<>();

    private @Nullable List<String> languages;
    private @Nullable Where languagesWhere;
    private @Nullable String start;
    private @Nullable Where startWhere;
    private final Map<String, StateSpec> states = new LinkedHashMap<>();
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    private final Map<String, String> events = new LinkedHashMap<>();
    private final Map<String, Where> eventWheres = new LinkedHashMap<>();
    private int missesBeforeOffer = 2;
    private final Map<String, Localized> common = new LinkedHashMap<>();
    private final Map<String, List<String>> skipWords = new LinkedHashMap<>();
    private @Nullable Where skipWordsWhere;
    private final Map<String, List<MessageSpec>> blocks = new LinkedHashMap<>();

    private DialogueFiles() {
    }

    /**
     * Loads and checks every dialogue file.
     *
     * @param directory the dialogue directory
     * @param topicsFile the consultation topics ({@code topics.yaml})
     * @throws DialogueFileException listing every problem with its file and line
     */
    static DialogueBook load(Path directory, Path topicsFile) {
        Map<String, String> topics = readTopics(topicsFile);
        DialogueFiles files = new DialogueFiles();
        List<Path> paths = files.list(directory);
        for (Path path : paths) {
            files.readFile(path);
        }
        DialogueBook book = files.book(directory, topics);
        List<Problem> problems = new ArrayList<>(files.problems);
        if (problems.isEmpty()) {
            problems.addAll(DialogueChecks.check(book));
        }
        if (!problems.isEmpty()) {
            throw new DialogueFileException(problems);
        }
        return book;
    }

    private List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            problems.add(new Problem(new Where(directory.toString(), 0),
                    "the dialogue directory does not exist (setting dialogue.directory, now " + directory.toAbsolutePath() + ")"));
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> yaml = entries.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(Files::isRegularFile).sorted().toList();
            if (yaml.isEmpty()) {
                problems.add(new Problem(new Where(directory.toString(), 0), "the dialogue directory has no .yaml file"));
            }
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private DialogueBook book(Path directory, Map<String, String> topics) {
        Where somewhere = new Where(directory.toString(), 0);
        if (start == null) {
            problems.add(new Problem(somewhere, "no file says where a conversation starts: add 'start: <state>' to one file"));
        }
        for (String key : DialogueBook.COMMON_KEYS) {
            if (!common.containsKey(key)) {
                problems.add(new Problem(somewhere, "no file defines the engine's text 'common: " + key + "'"));
            }
        }
        for (String event : List.of(DialogueBook.IDLE, DialogueBook.CRISIS, DialogueBook.MISSES)) {
            if (!events.containsKey(event)) {
                problems.add(new Problem(somewhere, "no file says where the event '" + event + "' leads: add it under 'events:'"));
            }
        }
        Where skipWhere = skipWordsWhere == null ? somewhere : skipWordsWhere;
        return new DialogueBook(languages == null ? List.of("ja") : languages, start == null ? "" : start,
                startWhere == null ? somewhere : startWhere, states, commands, events, eventWheres, missesBeforeOffer,
                common, new Words(skipWords, skipWhere), blocks, topics);
    }

    // ---- one file --------------------------------------------------------------------------------

    private void readFile(Path path) {
        String file = path.toString();
        Node root;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new Problem(new Where(file, mark == null ? 0 : mark.getLine() + 1),
                    "not valid YAML: " + e.getProblem()));
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        if (root == null) {
            problems.add(new Problem(new Where(file, 1), "the file is empty"));
            return;
        }
        Y y = new Y(file, root);
        Map<String, Y> keys = y.mapping(FILE_KEYS);
        if (keys == null) {
            return;
        }
        List<String> fileLanguages = fileLanguages(y, keys.get("languages"));
        if (fileLanguages == null) {
            return;
        }
        FileReader reader = new FileReader(fileLanguages);
        if (keys.containsKey("start")) {
            Y startNode = keys.get("start");
            if (start != null) {
                problems.add(startNode.problem("'start' is already given in " + startWhere + "; only one file may say it"));
            } else {
                start = startNode.scalar();
                startWhere = startNode.where();
            }
        }
        if (keys.containsKey("misses-before-offer")) {
            Y misses = keys.get("misses-before-offer");
            String value = misses.scalar();
            if (value == null || !value.matches("[1-9]")) {
                problems.add(misses.problem("'misses-before-offer' must be a number from 1 to 9"));
            } else {
                missesBeforeOffer = Integer.parseInt(value);
            }
        }
        forEachEntry(keys.get("states"), (id, node) -> reader.state(id, node));
        forEachEntry(keys.get("commands"), (name, node) -> reader.command(name, node));
        forEachEntry(keys.get("events"), (event, node) -> {
            if (!List.of(DialogueBook.IDLE, DialogueBook.CRISIS, DialogueBook.MISSES).contains(event)) {
                problems.add(node.problem("unknown event '" + event + "'; the events are idle, crisis and misses"));
            } else if (events.containsKey(event)) {
                problems.add(node.problem("event '" + event + "' is already given in " + eventWheres.get(event)));
            } else {
                String target = node.scalar();
                if (target != null) {
                    events.put(event, target);
                    eventWheres.put(event, node.where());
                }
            }
        });
        forEachEntry(keys.get("common"), (key, node) -> {
            if (!DialogueBook.COMMON_KEYS.contains(key)) {
                problems.add(node.problem("unknown common text '" + key + "'; known: " + DialogueBook.COMMON_KEYS));
            } else if (common.containsKey(key)) {
                problems.add(node.problem("common text '" + key + "' is already given in " + common.get(key).where()));
            } else {
                Localized text = reader.localized(node, key);
                if (text != null) {
                    common.put(key, text);
                }
            }
        });
        if (keys.containsKey("skip-words")) {
            Y node = keys.get("skip-words");
            if (skipWordsWhere != null) {
                problems.add(node.problem("'skip-words' is already given in " + skipWordsWhere));
            } else {
                skipWordsWhere = node.where();
                skipWords.putAll(reader.words(node, "skip-words").byLanguage());
            }
        }
        forEachEntry(keys.get("blocks"), (name, node) -> {
            if (blocks.containsKey(name)) {
                problems.add(node.problem("block '" + name + "' is already given"));
            } else {
                blocks.put(name, reader.messages(node, "block " + name));
            }
        });
    }

    private @Nullable List<String> fileLanguages(Y file, @Nullable Y node) {
        if (node == null) {
            problems.add(file.problem("the file must say its languages first, e.g. 'languages: [ja, easy-ja, en]'"));
            return null;
        }
        List<Y> items = node.sequence();
        if (items == null || items.isEmpty()) {
            problems.add(node.problem("'languages' must be a list of language codes, e.g. [ja, easy-ja, en]"));
            return null;
        }
        List<String> codes = items.stream().map(Y::scalar).filter(c -> c != null && c.matches("[a-z]+(-[a-z]+)*")).toList();
        if (codes.size() != items.size()) {
            problems.add(node.problem("'languages' must be codes like ja, easy-ja, en"));
            return null;
        }
        if (languages == null) {
            languages = codes;
            languagesWhere = node.where();
        } else if (!languages.equals(codes)) {
            problems.add(node.problem("every dialogue file must have the same languages: " + languagesWhere + " says " + languages));
        }
        return codes;
    }

    /** Calls {@code each} with every key and value; the value reports problems at its key's line. */
    private void forEachEntry(@Nullable Y node, java.util.function.BiConsumer<String, Y> each) {
        if (node == null) {
            return;
        }
        List<Map.Entry<Y, Y>> entries = node.entries();
        if (entries == null) {
            problems.add(node.problem("expected name: value pairs here"));
            return;
        }
        for (Map.Entry<Y, Y> entry : entries) {
            String key = entry.getKey().scalar();
            if (key != null) {
                each.accept(key, entry.getValue().at(entry.getKey().where()));
            }
        }
    }

    /** Reads the parts of one file, whose texts must have {@code languages}. */
    private final class FileReader {

        private final List<String> languages;

        FileReader(List<String> languages) {
            this.languages = languages;
        }

        void state(String id, Y node) {
            if (!id.matches("[a-z][a-z0-9_]{0,59}")) {
                problems.add(node.problem("state id '" + id + "' must be lower-case letters, digits and _ (at most 60)"));
                return;
            }
            if (id.equals(StateSpec.STAY) || id.equals(StateSpec.BACK)) {
                problems.add(node.problem("'" + id + "' is a reserved word and cannot name a state"));
                return;
            }
            if (states.containsKey(id)) {
                problems.add(node.problem("state '" + id + "' is already defined in " + states.get(id).where()));
                return;
            }
            Map<String, Y> keys = node.mapping(STATE_KEYS);
            if (keys == null) {
                return;
            }
            String where = "state " + id;
            List<MessageSpec> say = keys.containsKey("say") ? messages(keys.get("say"), where + " say") : List.of();
            List<MessageSpec> again = keys.containsKey("again") ? messages(keys.get("again"), where + " again") : List.of();
            List<ChoiceSpec> choices = new ArrayList<>();
            if (keys.containsKey("choices")) {
                List<Y> items = keys.get("choices").sequence();
                if (items == null) {
                    problems.add(keys.get("choices").problem(where + ": 'choices' must be a list"));
                } else {
                    Set<String> ids = new HashSet<>();
                    for (Y item : items) {
                        ChoiceSpec choice = choice(item, where);
                        if (choice == null) {
                            continue;
                        }
                        if (!ids.add(choice.id())) {
                            problems.add(item.problem(where + ": two choices have the id '" + choice.id() + "'"));
                        }
                        choices.add(choice);
                    }
                }
            }
            String skip = keys.containsKey("skip") ? keys.get("skip").scalar() : null;
            if (skip != null && choices.stream().anyMatch(c -> c.id().equals(StateSpec.SKIP))) {
                problems.add(keys.get("skip").problem(where + ": has 'skip:' and also a choice with the id 'skip'"));
            }
            TextSpec text = keys.containsKey("text") ? text(keys.get("text"), where) : null;
            List<Branch> decide = keys.containsKey("decide") ? decide(keys.get("decide"), where) : List.of();
            boolean resting = keys.containsKey("resting") && flag(keys.get("resting"), "resting");
            if (!decide.isEmpty() && (!say.isEmpty() || !again.isEmpty() || !choices.isEmpty() || skip != null || text != null)) {
                problems.add(node.problem(where + ": a deciding state (decide:) routes at once and cannot also say,"
                        + " offer choices or read text"));
            }
            if (decide.isEmpty() && say.isEmpty() && !keys.containsKey("decide")) {
                problems.add(node.problem(where + ": says nothing; give it 'say:' (or 'decide:' to route at once)"));
            }
            states.put(id, new StateSpec(id, say, again, choices, skip, text, decide, resting, node.where()));
        }

        @Nullable
        ChoiceSpec choice(Y node, String where) {
            Map<String, Y> keys = node.mapping(CHOICE_KEYS);
            if (keys == null) {
                return null;
            }
            if (keys.containsKey("command")) {
                String command = keys.get("command").scalar();
                if (keys.size() > 1) {
                    problems.add(node.problem(where + ": a choice that offers a command has only 'command:'"));
                }
                return command == null ? null : new ChoiceSpec("command-" + command, null, Words.none(node.where()),
                        Map.of(), Map.of(), false, StateSpec.STAY, List.of(), false, command, node.where());
            }
            String id = required(node, keys, "id", where);
            if (id == null) {
                return null;
            }
            if (!id.matches("[a-z0-9][a-z0-9_\\-]{0,39}")) {
                problems.add(keys.get("id").problem(where + ": choice id '" + id + "' must be lower-case letters, digits, - and _"
                        + " (at most 40)"));
                return null;
            }
            String choiceWhere = where + " choice " + id;
            Localized label = keys.containsKey("label") ? localized(keys.get("label"), choiceWhere + " label") : null;
            if (label == null && !keys.containsKey("label")) {
                problems.add(node.problem(choiceWhere + ": has no 'label'"));
            }
            Words says = keys.containsKey("says") ? words(keys.get("says"), choiceWhere + " says") : Words.none(node.where());
            String go = required(node, keys, "go", choiceWhere);
            return new ChoiceSpec(id, label, says, stringMap(keys.get("set"), choiceWhere + " set"),
                    stringMap(keys.get("add"), choiceWhere + " add"),
                    keys.containsKey("clear") && flag(keys.get("clear"), "clear"),
                    go == null ? StateSpec.STAY : go, actions(keys.get("do")),
                    keys.containsKey("skip") && flag(keys.get("skip"), "skip"), null, node.where());
        }

        @Nullable
        TextSpec text(Y node, String where) {
            Map<String, Y> keys = node.mapping(TEXT_KEYS);
            if (keys == null) {
                return null;
            }
            String slot = keys.containsKey("slot") ? keys.get("slot").scalar() : null;
            if (slot != null && !slot.matches("[a-z][a-z0-9_]*")) {
                problems.add(keys.get("slot").problem(where + ": slot name '" + slot + "' must be lower-case letters, digits and _"));
            }
            String go = required(node, keys, "go", where + " text");
            return new TextSpec(slot, keys.containsKey("append") && flag(keys.get("append"), "append"),
                    keys.containsKey("clear") && flag(keys.get("clear"), "clear"),
                    go == null ? StateSpec.STAY : go, actions(keys.get("do")), node.where());
        }

        List<Branch> decide(Y node, String where) {
            List<Y> items = node.sequence();
            if (items == null || items.isEmpty()) {
                problems.add(node.problem(where + ": 'decide' must be a list of branches ({when: …, go: …}, last one without when)"));
                return List.of();
            }
            List<Branch> branches = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Y item = items.get(i);
                Map<String, Y> keys = item.mapping(BRANCH_KEYS);
                if (keys == null) {
                    continue;
                }
                boolean last = i == items.size() - 1;
                Guard guard = null;
                if (keys.containsKey("when")) {
                    String source = keys.get("when").scalar();
                    if (last) {
                        problems.add(item.problem(where + ": the last branch is taken when no other is; it has no 'when'"));
                    } else if (source != null) {
                        try {
                            guard = Guard.parse(source);
                        } catch (IllegalArgumentException e) {
                            problems.add(keys.get("when").problem(where + ": " + e.getMessage()));
                        }
                    }
                } else if (!last) {
                    problems.add(item.problem(where + ": every branch but the last needs 'when'"));
                }
                String go = required(item, keys, "go", where + " branch");
                if (go != null) {
                    branches.add(new Branch(guard, go, actions(keys.get("do")), item.where()));
                }
            }
            return branches;
        }

        void command(String name, Y node) {
            if (!name.matches("[a-z][a-z0-9\\-]{0,39}")) {
                problems.add(node.problem("command name '" + name + "' must be lower-case letters, digits and -"));
                return;
            }
            if (commands.containsKey(name)) {
                problems.add(node.problem("command '" + name + "' is already defined in " + commands.get(name).where()));
                return;
            }
            Map<String, Y> keys = node.mapping(COMMAND_KEYS);
            if (keys == null) {
                return;
            }
            String where = "command " + name;
            Words words = keys.containsKey("words") ? words(keys.get("words"), where + " words") : Words.none(node.where());
            Localized label = keys.containsKey("label") ? localized(keys.get("label"), where + " label") : null;
            if (!keys.containsKey("label")) {
                problems.add(node.problem(where + ": has no 'label'"));
            }
            String go = keys.containsKey("go") ? keys.get("go").scalar() : null;
            String language = keys.containsKey("language") ? keys.get("language").scalar() : null;
            if ((go == null) == (language == null)) {
                problems.add(node.problem(where + ": give exactly one of 'go:' (a state) or 'language:' (a language switch)"));
            }
            if (language != null && !languages.contains(language)) {
                problems.add(keys.get("language").problem(where + ": '" + language + "' is not one of the languages " + languages));
            }
            if (label != null) {
                commands.put(name, new CommandSpec(name, words, label, go, keys.containsKey("clear") && flag(keys.get("clear"), "clear"),
                        language, actions(keys.get("do")), node.where()));
            }
        }

        List<MessageSpec> messages(Y node, String where) {
            List<Y> items = node.sequence();
            if (items == null) {
                MessageSpec single = message(node, where);
                return single == null ? List.of() : List.of(single);
            }
            List<MessageSpec> messages = new ArrayList<>();
            for (Y item : items) {
                MessageSpec message = message(item, where);
                if (message != null) {
                    messages.add(message);
                }
            }
            return messages;
        }

        @Nullable
        MessageSpec message(Y node, String where) {
            List<Map.Entry<Y, Y>> entries = node.entries();
            if (entries == null) {
                problems.add(node.problem(where + ": a message is {text: …}, {card: …} or {cards: faq-results}"));
                return null;
            }
            Set<String> keys = new HashSet<>();
            entries.forEach(e -> keys.add(e.getKey().scalar()));
            if (languages.containsAll(keys) && !keys.isEmpty()) {
                Localized text = localized(node, where);
                return text == null ? null : new MessageSpec.Text(text, node.where());
            }
            Map<String, Y> map = node.mapping(MESSAGE_KEYS);
            if (map == null) {
                return null;
            }
            if (map.size() != 1) {
                problems.add(node.problem(where + ": one message is one of text:, card: or cards:"));
                return null;
            }
            if (map.containsKey("text")) {
                Localized text = localized(map.get("text"), where);
                return text == null ? null : new MessageSpec.Text(text, map.get("text").where());
            }
            if (map.containsKey("cards")) {
                Y cards = map.get("cards");
                if (!FAQ_RESULTS.equals(cards.scalar())) {
                    problems.add(cards.problem(where + ": 'cards:' takes the value faq-results (the cards found by faq-search)"));
                    return null;
                }
                return new MessageSpec.FaqCards(cards.where());
            }
            Y card = map.get("card");
            Map<String, Y> parts = card.mapping(CARD_KEYS);
            if (parts == null) {
                return null;
            }
            if (!parts.containsKey("title")) {
                problems.add(card.problem(where + ": a card needs a title"));
                return null;
            }
            Localized title = localized(parts.get("title"), where + " card title");
            Localized body = parts.containsKey("body") ? localized(parts.get("body"), where + " card body") : null;
            List<Localized> details = new ArrayList<>();
            if (parts.containsKey("details")) {
                List<Y> lines = parts.get("details").sequence();
                if (lines == null) {
                    problems.add(parts.get("details").problem(where + ": card details are a list"));
                } else {
                    for (Y line : lines) {
                        Localized detail = localized(line, where + " card detail");
                        if (detail != null) {
                            details.add(detail);
                        }
                    }
                }
            }
            return title == null ? null : new MessageSpec.Card(title, body, details, card.where());
        }

        /** A text in every language of the file; a missing one is a problem. */
        @Nullable
        Localized localized(Y node, String where) {
            List<Map.Entry<Y, Y>> entries = node.entries();
            if (entries == null) {
                problems.add(node.problem(where + ": give the text per language, e.g. {" + String.join(": …, ", languages) + ": …}"));
                return null;
            }
            Map<String, String> texts = new LinkedHashMap<>();
            for (Map.Entry<Y, Y> entry : entries) {
                String language = entry.getKey().scalar();
                String text = entry.getValue().scalar();
                if (language == null) {
                    continue;
                }
                if (!languages.contains(language)) {
                    problems.add(entry.getKey().problem(where + ": '" + language + "' is not one of the file's languages " + languages));
                } else if (text == null || text.isBlank()) {
                    problems.add(entry.getValue().problem(where + ": the " + language + " text is empty"));
                } else {
                    texts.put(language, text.replaceAll("[\\r\\n]+$", ""));
                }
            }
            boolean complete = true;
            for (String language : languages) {
                if (!texts.containsKey(language) && entries.stream().noneMatch(e -> language.equals(e.getKey().scalar()))) {
                    problems.add(node.problem(where + ": the " + language + " variant is missing"));
                    complete = false;
                }
            }
            return complete && texts.size() == languages.size() ? new Localized(texts, node.where()) : null;
        }

        Words words(Y node, String where) {
            List<Map.Entry<Y, Y>> entries = node.entries();
            if (entries == null) {
                problems.add(node.problem(where + ": give the words per language, e.g. {ja: [とばす], en: [skip]}"));
                return Words.none(node.where());
            }
            Map<String, List<String>> words = new LinkedHashMap<>();
            for (Map.Entry<Y, Y> entry : entries) {
                String language = entry.getKey().scalar();
                if (language == null) {
                    continue;
                }
                if (!languages.contains(language)) {
                    problems.add(entry.getKey().problem(where + ": '" + language + "' is not one of the file's languages " + languages));
                    continue;
                }
                List<Y> items = entry.getValue().sequence();
                if (items == null) {
                    String single = entry.getValue().scalar();
                    if (single != null) {
                        words.put(language, List.of(single));
                    } else {
                        problems.add(entry.getValue().problem(where + ": a list of words"));
                    }
                    continue;
                }
                words.put(language, items.stream().map(Y::scalar).filter(w -> w != null && !w.isBlank()).toList());
            }
            return new Words(words, node.where());
        }

        private Map<String, String> stringMap(@Nullable Y node, String where) {
            if (node == null) {
                return Map.of();
            }
            List<Map.Entry<Y, Y>> entries = node.entries();
            if (entries == null) {
                problems.add(node.problem(where + ": give slot: value pairs"));
                return Map.of();
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<Y, Y> entry : entries) {
                String slot = entry.getKey().scalar();
                String value = entry.getValue().scalar();
                if (slot == null || value == null) {
                    continue;
                }
                if (!slot.matches("[a-z][a-z0-9_]*")) {
                    problems.add(entry.getKey().problem(where + ": slot name '" + slot + "' must be lower-case letters, digits and _"));
                }
                map.put(slot, value);
            }
            return map;
        }

        private List<String> actions(@Nullable Y node) {
            if (node == null) {
                return List.of();
            }
            List<Y> items = node.sequence();
            if (items == null) {
                String single = node.scalar();
                return single == null ? List.of() : List.of(single);
            }
            return items.stream().map(Y::scalar).filter(a -> a != null).toList();
        }

        private boolean flag(Y node, String name) {
            String value = node.scalar();
            if (value == null) {
                return false;
            }
            return switch (value) {
                case "true", "yes" -> true;
                case "false", "no" -> false;
                default -> {
                    problems.add(node.problem("'" + name + "' is true or false"));
                    yield false;
                }
            };
        }

        private @Nullable String required(Y node, Map<String, Y> keys, String key, String where) {
            if (!keys.containsKey(key)) {
                problems.add(node.problem(where + ": '" + key + "' is missing"));
                return null;
            }
            return keys.get(key).scalar();
        }
    }

    // ---- topics --------------------------------------------------------------------------------

    private static Map<String, String> readTopics(Path topicsFile) {
        if (!Files.isRegularFile(topicsFile)) {
            throw new DialogueFileException(new Where(topicsFile.toString(), 0),
                    "the topics file does not exist (setting dialogue.topics-file, now " + topicsFile.toAbsolutePath() + ")");
        }
        try (Reader reader = Files.newBufferedReader(topicsFile, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new LoaderOptions()).load(reader);
            Map<String, String> topics = new LinkedHashMap<>();
            if (loaded instanceof Map<?, ?> root && root.get("topics") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> topic && topic.get("slug") instanceof String slug) {
                        topics.put(slug, topic.get("ja") instanceof String label ? label : slug);
                    }
                }
            }
            if (topics.isEmpty()) {
                throw new DialogueFileException(new Where(topicsFile.toString(), 1), "no topics (a list 'topics:' of {slug, ja})");
            }
            return topics;
        } catch (MarkedYAMLException e) {
            throw new DialogueFileException(new Where(topicsFile.toString(),
                    e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1), "not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + topicsFile, e);
        }
    }

    // ---- nodes ---------------------------------------------------------------------------------

    /** A YAML node with its file, read leniently: a wrong shape is a problem, and null. */
    private final class Y {

        private final String file;
        private final Node node;
        private final @Nullable Where keyWhere;

        Y(String file, Node node) {
            this(file, node, null);
        }

        private Y(String file, Node node, @Nullable Where keyWhere) {
            this.file = file;
            this.node = node;
            this.keyWhere = keyWhere;
        }

        /** The same node, placed at the line of its key (a state is where its name is written). */
        Y at(Where key) {
            return new Y(file, node, key);
        }

        Where where() {
            return keyWhere != null ? keyWhere : new Where(file, node.getStartMark().getLine() + 1);
        }

        Problem problem(String message) {
            return new Problem(where(), message);
        }

        @Nullable
        String scalar() {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            problems.add(problem("expected a single value here"));
            return null;
        }

        @Nullable
        List<Y> sequence() {
            return node instanceof SequenceNode sequence ? map(sequence.getValue(), n -> new Y(file, n)) : null;
        }

        @Nullable
        List<Map.Entry<Y, Y>> entries() {
            if (!(node instanceof MappingNode mapping)) {
                return null;
            }
            List<Map.Entry<Y, Y>> entries = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                entries.add(Map.entry(new Y(file, tuple.getKeyNode()), new Y(file, tuple.getValueNode())));
            }
            return entries;
        }

        /** A mapping whose keys must be among {@code allowed} (a typo is reported, not ignored). */
        @Nullable
        Map<String, Y> mapping(Set<String> allowed) {
            List<Map.Entry<Y, Y>> entries = entries();
            if (entries == null) {
                problems.add(problem("expected keys here (one of " + new java.util.TreeSet<>(allowed) + ")"));
                return null;
            }
            Map<String, Y> keys = new LinkedHashMap<>();
            for (Map.Entry<Y, Y> entry : entries) {
                String key = entry.getKey().scalar();
                if (key == null) {
                    continue;
                }
                if (!allowed.contains(key)) {
                    problems.add(entry.getKey().problem("unknown key '" + key + "' (known here: "
                            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
                    continue;
                }
                keys.put(key, entry.getValue());
            }
            return keys;
        }

        private static <A, B> List<B> map(List<A> items, Function<A, B> f) {
            return items.stream().map(f).toList();
        }
    }
}
