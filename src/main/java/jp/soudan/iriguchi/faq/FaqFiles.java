package jp.soudan.iriguchi.faq;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates {@code topics.yaml} and the FAQ files ({@code faq/*.yaml}, format in
 * {@code faq/README.md}).
 *
 * <p>Works on SnakeYAML's node tree rather than on loaded maps because only the nodes remember
 * their line: every problem names the file and line, and all problems are reported together.
 */
final class FaqFiles {

    static final int MAX_ANSWER_LENGTH = 400;

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "question", "answer", "topics", "desk",
            "contact", "for_whom", "keywords", "reviewed", "sample");
    private static final Set<String> CONTACT_FIELDS = Set.of("phone", "hours", "place", "url");

    private FaqFiles() {
    }

    /** Reads the consultation topics; throws {@link FaqFormatException} listing every problem. */
    static Map<String, Topic> readTopics(Path file) {
        var problems = new Problems();
        var topics = new LinkedHashMap<String, Topic>();
        List<Node> documents = compose(file, problems);
        if (documents.size() == 1 && documents.getFirst() instanceof MappingNode root) {
            var fields = problems.fields(file, root, Set.of("topics"));
            if (fields.get("topics") instanceof SequenceNode list) {
                for (Node item : list.getValue()) {
                    readTopic(file, item, problems).ifPresent(topic -> {
                        if (topics.putIfAbsent(topic.slug(), topic) != null) {
                            problems.add(file, item, "topic '" + topic.slug() + "' is listed twice");
                        }
                    });
                }
            } else {
                problems.add(file, root, "expected a list under 'topics:'");
            }
        } else if (problems.isEmpty()) {
            problems.add(file, 1, "expected one YAML document with a 'topics:' list");
        }
        problems.throwIfAny();
        return topics;
    }

    private static Optional<Topic> readTopic(Path file, Node item, Problems problems) {
        if (!(item instanceof MappingNode mapping)) {
            problems.add(file, item, "each topic must be a mapping with slug, ja and about");
            return Optional.empty();
        }
        var fields = problems.fields(file, mapping, Set.of("slug", "ja", "desk", "about"));
        String slug = problems.requiredText(file, mapping, fields, "slug");
        String label = problems.requiredText(file, mapping, fields, "ja");
        String about = problems.optionalText(file, fields, "about");
        if (slug == null || label == null) {
            return Optional.empty();
        }
        return Optional.of(new Topic(slug, label, about == null ? "" : about));
    }

    /**
     * Reads every {@code *.yaml} / {@code *.yml} file of the directory, in name order; throws
     * {@link FaqFormatException} listing every problem in every file.
     */
    static List<FaqEntry> readEntries(Path directory, Map<String, Topic> topics) {
        var problems = new Problems();
        var entries = new ArrayList<FaqEntry>();
        var seenIds = new HashMap<String, String>();
        for (Path file : faqFiles(directory, problems)) {
            for (Node document : compose(file, problems)) {
                if (document instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
                    continue; // an empty document, e.g. after a trailing '---'
                }
                if (!(document instanceof MappingNode mapping)) {
                    problems.add(file, document, "each entry must be a mapping of fields (id, question, answer, ...)");
                    continue;
                }
                FaqEntry entry = readEntry(file, mapping, topics, problems);
                if (entry != null) {
                    String place = file + " line " + line(mapping);
                    String earlier = seenIds.putIfAbsent(entry.id(), place);
                    if (earlier != null) {
                        problems.add(file, mapping, "duplicate id '" + entry.id() + "' (first used in " + earlier + ")");
                    } else {
                        entries.add(entry);
                    }
                }
            }
        }
        problems.throwIfAny();
        return entries;
    }

    /** The files whose contents decide the FAQ, in the order they are read. */
    static List<Path> faqFiles(Path directory) {
        var problems = new Problems();
        List<Path> files = faqFiles(directory, problems);
        problems.throwIfAny();
        return files;
    }

    private static List<Path> faqFiles(Path directory, Problems problems) {
        if (!Files.isDirectory(directory)) {
            problems.add(directory, 0, "the FAQ directory does not exist");
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory)) {
            return listing
                    .filter(path -> isFaqFileName(path.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(directory, 0, "cannot list the FAQ directory: " + e.getMessage());
            return List.of();
        }
    }

    /** YAML files, except hidden ones (editors keep their temporary copies there). */
    private static boolean isFaqFileName(String name) {
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static @Nullable FaqEntry readEntry(Path file, MappingNode mapping, Map<String, Topic> topics,
            Problems problems) {
        int before = problems.size();
        var fields = problems.fields(file, mapping, ENTRY_FIELDS);
        String id = problems.requiredText(file, mapping, fields, "id");
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(file, fields.get("id"), "bad id '" + id + "': use only a-z, 0-9 and '-'");
        }
        String question = problems.requiredText(file, mapping, fields, "question");
        String answer = problems.requiredText(file, mapping, fields, "answer");
        if (answer != null && answer.codePointCount(0, answer.length()) > MAX_ANSWER_LENGTH) {
            problems.add(file, fields.get("answer"), "answer has " + answer.codePointCount(0, answer.length())
                    + " characters; keep it to " + MAX_ANSWER_LENGTH + " at most");
        }
        List<String> topicSlugs = problems.textList(file, mapping, fields, "topics", true);
        if (fields.get("topics") instanceof SequenceNode topicNodes) {
            for (Node topicNode : topicNodes.getValue()) {
                if (topicNode instanceof ScalarNode scalar && !topics.containsKey(scalar.getValue())) {
                    problems.add(file, topicNode, "unknown topic '" + scalar.getValue()
                            + "' (topics.yaml lists: " + String.join(", ", topics.keySet()) + ")");
                }
            }
        }
        String desk = problems.requiredText(file, mapping, fields, "desk");
        FaqContact contact = readContact(file, mapping, fields.get("contact"), problems);
        String forWhom = problems.requiredText(file, mapping, fields, "for_whom");
        List<String> keywords = problems.textList(file, mapping, fields, "keywords", false);
        LocalDate reviewed = null;
        String reviewedText = problems.requiredText(file, mapping, fields, "reviewed");
        if (reviewedText != null) {
            try {
                reviewed = LocalDate.parse(reviewedText);
            } catch (DateTimeParseException e) {
                problems.add(file, fields.get("reviewed"), "reviewed must be a date like 2026-10-01, not '"
                        + reviewedText + "'");
            }
        }
        boolean sample = false;
        String sampleText = problems.optionalText(file, fields, "sample");
        if (sampleText != null) {
            if (!sampleText.equals("true") && !sampleText.equals("false")) {
                problems.add(file, fields.get("sample"), "sample must be true or false, not '" + sampleText + "'");
            }
            sample = sampleText.equals("true");
        }
        if (problems.size() > before || id == null || question == null || answer == null || desk == null
                || contact == null || forWhom == null || reviewed == null) {
            return null;
        }
        return new FaqEntry(id, question, answer, topicSlugs, desk, contact, forWhom, keywords, reviewed, sample);
    }

    private static @Nullable FaqContact readContact(Path file, MappingNode entry, @Nullable Node node,
            Problems problems) {
        if (node == null) {
            problems.add(file, entry, "missing field 'contact'");
            return null;
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.add(file, node, "contact must be a mapping with hours and phone, place or url");
            return null;
        }
        var fields = problems.fields(file, mapping, CONTACT_FIELDS);
        String phone = problems.optionalText(file, fields, "phone");
        String hours = problems.requiredText(file, mapping, fields, "hours");
        String place = problems.optionalText(file, fields, "place");
        String url = problems.optionalText(file, fields, "url");
        if (phone == null && place == null && url == null) {
            problems.add(file, mapping, "contact needs at least one of phone, place or url");
            return null;
        }
        return hours == null ? null : new FaqContact(phone, hours, place, url);
    }

    private static List<Node> compose(Path file, Problems problems) {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        var yaml = new Yaml(new SafeConstructor(options));
        var documents = new ArrayList<Node>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Node document : yaml.composeAll(reader)) {
                documents.add(document);
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1
                    : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 0;
            problems.add(file, line, "malformed YAML: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            problems.add(file, 0, "malformed YAML: " + firstLine(String.valueOf(e.getMessage())));
        } catch (CharacterCodingException e) {
            problems.add(file, 0, "not UTF-8 text");
        } catch (IOException e) {
            problems.add(file, 0, "cannot read the file: " + e.getMessage());
        }
        return documents;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Collects problems as "file line N: what is wrong", and checks node shapes on the way. */
    private static final class Problems {

        private final List<String> found = new ArrayList<>();

        void add(Path file, @Nullable Node node, String problem) {
            add(file, node == null ? 0 : line(node), problem);
        }

        void add(Path file, int line, String problem) {
            found.add(line > 0 ? file + " line " + line + ": " + problem : file + ": " + problem);
        }

        int size() {
            return found.size();
        }

        boolean isEmpty() {
            return found.isEmpty();
        }

        void throwIfAny() {
            if (!found.isEmpty()) {
                throw new FaqFormatException(found);
            }
        }

        /** The mapping's fields by name; reports unknown and repeated names. */
        Map<String, Node> fields(Path file, MappingNode mapping, Set<String> known) {
            var fields = new LinkedHashMap<String, Node>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    add(file, tuple.getKeyNode(), "field names must be plain words");
                    continue;
                }
                if (!known.contains(key.getValue())) {
                    add(file, key, "unknown field '" + key.getValue() + "' (known: " + String.join(", ",
                            known.stream().sorted().toList()) + ")");
                } else if (fields.putIfAbsent(key.getValue(), tuple.getValueNode()) != null) {
                    add(file, key, "field '" + key.getValue() + "' appears twice");
                }
            }
            return fields;
        }

        @Nullable String requiredText(Path file, Node owner, Map<String, Node> fields, String name) {
            if (!fields.containsKey(name)) {
                add(file, owner, "missing field '" + name + "'");
                return null;
            }
            String text = optionalText(file, fields, name);
            if (text == null) {
                add(file, fields.get(name), "field '" + name + "' is empty");
            }
            return text;
        }

        @Nullable String optionalText(Path file, Map<String, Node> fields, String name) {
            Node node = fields.get(name);
            if (node == null || node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
                return null;
            }
            if (!(node instanceof ScalarNode scalar)) {
                add(file, node, "field '" + name + "' must be text, not a list or mapping");
                return null;
            }
            String text = scalar.getValue().strip();
            return text.isEmpty() ? null : text;
        }

        List<String> textList(Path file, Node owner, Map<String, Node> fields, String name, boolean required) {
            Node node = fields.get(name);
            if (node == null) {
                if (required) {
                    add(file, owner, "missing field '" + name + "'");
                }
                return List.of();
            }
            if (!(node instanceof SequenceNode sequence)) {
                add(file, node, "field '" + name + "' must be a list like [a, b]");
                return List.of();
            }
            var values = new ArrayList<String>();
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                    values.add(scalar.getValue().strip());
                } else {
                    add(file, item, "each item of '" + name + "' must be a non-empty word");
                }
            }
            if (required && values.isEmpty() && sequence.getValue().isEmpty()) {
                add(file, node, "field '" + name + "' needs at least one item");
            }
            return values;
        }
    }
}
