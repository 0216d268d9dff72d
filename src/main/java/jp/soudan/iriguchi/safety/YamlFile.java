package jp.soudan.iriguchi.safety;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a city-edited YAML file as a tree of nodes that remember their line, so that every
 * mistake is reported with the file and line where it is (a plain map would forget them).
 */
final class YamlFile {

    private final String name;

    private YamlFile(String name) {
        this.name = name;
    }

    static YamlFile named(String name) {
        return new YamlFile(name);
    }

    /** Reads {@code path} as UTF-8; a missing or unreadable file is reported with its name. */
    String readText(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SafetyFileException(name, 0, "cannot read the file ("
                    + e.getClass().getSimpleName() + "); the working directory is "
                    + Path.of("").toAbsolutePath());
        }
    }

    String name() {
        return name;
    }

    /** Parses the document; a YAML syntax error is reported with its line. */
    Node parse(String text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new SafetyFileException(name, mark == null ? 0 : mark.getLine() + 1,
                    "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new SafetyFileException(name, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new SafetyFileException(name, 0, "the file is empty");
        }
        return root;
    }

    SafetyFileException error(Node at, String problem) {
        return new SafetyFileException(name, line(at), problem);
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /**
     * The fields of a mapping, checked: a key outside {@code allowed} is an error (most often a
     * typo, which would otherwise silently drop what the editor meant), so is a missing required
     * key and a key given twice.
     */
    Map<String, Node> fields(Node node, String what, Set<String> required, Set<String> optional) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping (key: value lines)");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = text(tuple.getKeyNode(), "a key in " + what);
            if (!required.contains(key) && !optional.contains(key)) {
                Set<String> known = new TreeSet<>(required);
                known.addAll(optional);
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what
                        + "; known keys: " + String.join(", ", known));
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "key '" + key + "' is given twice in " + what);
            }
        }
        for (String key : required) {
            if (!fields.containsKey(key)) {
                throw error(node, what + " has no '" + key + "'");
            }
        }
        return fields;
    }

    /** The entries of a mapping whose keys are free names (such as the words of the pattern file). */
    Map<String, Node> entries(Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping (name: value lines)");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = text(tuple.getKeyNode(), "a name in " + what);
            if (entries.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "'" + key + "' is given twice in " + what);
            }
        }
        return entries;
    }

    String text(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, what + " must be a single value, not a list or mapping");
        }
        String value = scalar.getValue();
        if (value == null || value.isBlank()) {
            throw error(node, what + " is empty");
        }
        return value.strip();
    }

    @Nullable String optionalText(@Nullable Node node, String what) {
        return node == null ? null : text(node, what);
    }

    boolean flag(@Nullable Node node, String what) {
        if (node == null) {
            return false;
        }
        String value = text(node, what);
        return switch (value) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw error(node, what + " must be true or false, not '" + value + "'");
        };
    }

    int number(Node node, String what, int min, int max) {
        String value = text(node, what);
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw error(node, what + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    /** The items of a list; a single value counts as a list of one. */
    List<Node> items(Node node, String what) {
        if (node instanceof SequenceNode sequence) {
            if (sequence.getValue().isEmpty()) {
                throw error(node, what + " is an empty list");
            }
            return sequence.getValue();
        }
        if (node instanceof ScalarNode) {
            return List.of(node);
        }
        throw error(node, what + " must be a list");
    }

    List<String> texts(Node node, String what) {
        List<String> texts = new ArrayList<>();
        for (Node item : items(node, what)) {
            texts.add(text(item, "an item of " + what));
        }
        return texts;
    }
}
