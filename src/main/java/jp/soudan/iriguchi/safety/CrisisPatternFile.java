package jp.soudan.iriguchi.safety;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jp.soudan.iriguchi.safety.CrisisPatterns.Evaluation;
import jp.soudan.iriguchi.safety.CrisisPatterns.Rule;
import jp.soudan.iriguchi.safety.PhraseIndex.Phrase;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code config/safety/crisis-patterns.yaml} (format: {@code config/safety/README.md}).
 *
 * <p>Every rule must come with {@code examples} it matches and {@code non_examples} it must not
 * match, and both are checked whenever the file is loaded: a city that adds a phrase learns at
 * start-up, with the file and line, if it missed its own example or now catches an idiom.
 */
final class CrisisPatternFile {

    static final String NOT_CRISIS = "not-crisis";
    static final int DEFAULT_WITHIN = 20;
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** One line under {@code examples} or {@code non_examples}. */
    record Example(String ruleId, @Nullable CrisisKind kind, String text, boolean shouldMatch, int line) {

        /** For test names: never a resident's words, only the file's own examples. */
        @Override
        public String toString() {
            return ruleId + (shouldMatch ? " matches " : " does not match ") + "「" + text + "」 (line " + line + ")";
        }
    }

    /** The compiled patterns and the examples that came with them. */
    record Contents(String fileName, CrisisPatterns patterns, List<Example> examples) {
    }

    private final YamlFile file;

    private CrisisPatternFile(YamlFile file) {
        this.file = file;
    }

    /** Reads, compiles and checks the file; the way the application and the eval command load it. */
    static CrisisPatterns load(Path path) {
        Contents contents = read(path);
        verifyExamples(contents);
        return contents.patterns();
    }

    /** Reads and compiles the file without checking its examples (for tests that list them). */
    static Contents read(Path path) {
        YamlFile yaml = YamlFile.named(path.toString());
        return new CrisisPatternFile(yaml).parse(yaml.readText(path));
    }

    /** Parses text as if it were the named file; checks the examples too. */
    static Contents parseAndVerify(String text, String fileName) {
        Contents contents = new CrisisPatternFile(YamlFile.named(fileName)).parse(text);
        verifyExamples(contents);
        return contents;
    }

    private Contents parse(String text) {
        Node root = file.parse(text);
        Map<String, Node> top = file.fields(root, "the pattern file", Set.of("patterns"), Set.of("words"));
        PhraseExpander expander = new PhraseExpander(words(top.get("words")));

        List<Rule> rules = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node entry : file.items(top.get("patterns"), "patterns")) {
            Map<String, Node> fields = file.fields(entry, "a pattern",
                    Set.of("id", "kind", "examples", "non_examples"),
                    Set.of("any_of", "all_of", "within", "note"));
            String id = file.text(fields.get("id"), "id");
            if (!ID.matcher(id).matches()) {
                throw file.error(fields.get("id"), "id '" + id + "' must be lower-case latin words joined by '-', e.g. wish-to-die");
            }
            if (!ids.add(id)) {
                throw file.error(fields.get("id"), "id '" + id + "' is used twice");
            }
            CrisisKind kind = kind(fields.get("kind"));
            List<List<Phrase>> groups = groups(id, fields, expander);
            int within = DEFAULT_WITHIN;
            if (fields.containsKey("within")) {
                if (!fields.containsKey("all_of")) {
                    throw file.error(fields.get("within"), "pattern '" + id + "': within only applies to all_of");
                }
                within = file.number(fields.get("within"), "within", 1, 500);
            }
            rules.add(new Rule(id, kind, groups, within));
            examples.addAll(examples(id, kind, fields.get("examples"), "examples", true));
            examples.addAll(examples(id, kind, fields.get("non_examples"), "non_examples", false));
        }
        return new Contents(file.name(), new CrisisPatterns(rules), examples);
    }

    private Map<String, List<String>> words(@Nullable Node node) {
        Map<String, List<String>> words = new LinkedHashMap<>();
        if (node != null) {
            file.entries(node, "words").forEach((name, value) -> words.put(name, file.texts(value, "words: " + name)));
        }
        return words;
    }

    private @Nullable CrisisKind kind(Node node) {
        String name = file.text(node, "kind");
        if (name.equals(NOT_CRISIS)) {
            return null;
        }
        return CrisisKind.ofFileName(name).orElseThrow(() -> {
            List<String> known = new ArrayList<>();
            for (CrisisKind kind : CrisisKind.values()) {
                known.add(kind.fileName());
            }
            known.add(NOT_CRISIS);
            return file.error(node, "unknown kind '" + name + "'; use one of: " + String.join(", ", known));
        });
    }

    private List<List<Phrase>> groups(String id, Map<String, Node> fields, PhraseExpander expander) {
        Node anyOf = fields.get("any_of");
        Node allOf = fields.get("all_of");
        if ((anyOf == null) == (allOf == null)) {
            throw file.error(fields.get("id"), "pattern '" + id + "' needs exactly one of any_of or all_of");
        }
        if (anyOf != null) {
            return List.of(phrases(id, anyOf, "any_of", expander));
        }
        List<List<Phrase>> groups = new ArrayList<>();
        for (Node group : file.items(allOf, "all_of")) {
            if (!(group instanceof SequenceNode)) {
                throw file.error(group, "pattern '" + id + "': each item of all_of must be a list, e.g. - [親, 父, 母]");
            }
            groups.add(phrases(id, group, "all_of", expander));
        }
        if (groups.size() >= 64) {
            throw file.error(allOf, "pattern '" + id + "': all_of may have at most 63 lists");
        }
        return groups;
    }

    private List<Phrase> phrases(String id, Node list, String what, PhraseExpander expander) {
        Set<Phrase> phrases = new LinkedHashSet<>();
        for (Node item : file.items(list, what)) {
            String written = file.text(item, "a phrase of " + what);
            PhraseExpander.Expanded expanded;
            try {
                expanded = expander.expand(written);
            } catch (IllegalArgumentException e) {
                throw file.error(item, "pattern '" + id + "', phrase \"" + written + "\": " + e.getMessage());
            }
            for (String form : expanded.forms()) {
                String normalised = TextNormaliser.normalise(form);
                if (normalised.isEmpty()) {
                    throw file.error(item, "pattern '" + id + "', phrase \"" + written
                            + "\" has a form with no letters left after normalisation: \"" + form + "\"");
                }
                phrases.add(new Phrase(normalised, expanded.wholeMessageStart(), expanded.wholeMessageEnd()));
            }
        }
        return List.copyOf(phrases);
    }

    private List<Example> examples(String id, @Nullable CrisisKind kind, Node list, String what, boolean shouldMatch) {
        List<Example> examples = new ArrayList<>();
        for (Node item : file.items(list, what)) {
            examples.add(new Example(id, kind, file.text(item, "an item of " + what), shouldMatch, YamlFile.line(item)));
        }
        return examples;
    }

    /** Checks every example against the whole file, so that exceptions are taken into account. */
    static void verifyExamples(Contents contents) {
        for (Example example : contents.examples()) {
            String problem = problemWith(example, contents.patterns().evaluate(example.text()));
            if (problem != null) {
                throw new SafetyFileException(contents.fileName(), example.line(), problem);
            }
        }
    }

    /** Why the example does not hold, or null when it does. */
    static @Nullable String problemWith(Example example, Evaluation evaluation) {
        boolean exception = example.kind() == null;
        boolean matched = exception
                ? evaluation.exceptionRules().contains(example.ruleId())
                : evaluation.crisisRules().contains(example.ruleId());
        String quoted = "「" + example.text() + "」";
        if (example.shouldMatch() && !matched) {
            return "pattern '" + example.ruleId() + "' does not match its example " + quoted
                    + (evaluation.exceptionRules().isEmpty() ? ""
                    : " (hidden by not-crisis " + String.join(", ", evaluation.exceptionRules()) + ")");
        }
        if (example.shouldMatch() && exception && !evaluation.kinds().isEmpty()) {
            return "not-crisis pattern '" + example.ruleId() + "' matches " + quoted
                    + " but the text is still a crisis for " + String.join(", ", evaluation.crisisRules());
        }
        if (!example.shouldMatch() && matched) {
            return "pattern '" + example.ruleId() + "' matches its non_example " + quoted;
        }
        return null;
    }
}
