package jp.soudan.iriguchi.safety;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code config/safety/hotlines.yaml}: the wording of the crisis reply and the telephone lines it
 * may list, with the kinds of danger each fits and when each answers. The city must verify every
 * number and every hour before going live; lines marked {@code verify: true} are reported at
 * start-up until someone has.
 */
record HotlineBook(ZoneId zone, int maxLines, Wording wording, List<Line> lines) {

    static final Set<String> AUDIENCES = Set.of("anyone", "children", "young-people", "women", "men", "parents", "older-people");
    private static final Pattern NUMBER = Pattern.compile("#?[0-9][0-9-]*[0-9]");

    /**
     * The resident-facing wording.
     *
     * @param firstLines one short, kind first line per kind of danger
     * @param linesIntro the sentence before the list of lines
     * @param closing    the invitation to go on talking, always last
     */
    record Wording(Map<CrisisKind, String> firstLines, String linesIntro, String closing) {
    }

    /**
     * One line as configured.
     *
     * @param dangerNow listed before all others (110, 119)
     * @param verify    the city has not yet confirmed its number or hours
     */
    record Line(String name, String number, OpeningHours hours, Set<CrisisKind> kinds, String audience,
                boolean dangerNow, boolean free, @Nullable String note, boolean verify) {

        Hotline toHotline() {
            return new Hotline(name, number, hours.describe());
        }
    }

    HotlineBook {
        lines = List.copyOf(lines);
    }

    static HotlineBook load(Path path) {
        YamlFile file = YamlFile.named(path.toString());
        return parse(file, file.readText(path));
    }

    static HotlineBook parse(String text, String fileName) {
        return parse(YamlFile.named(fileName), text);
    }

    private static HotlineBook parse(YamlFile file, String text) {
        Node root = file.parse(text);
        Map<String, Node> top = file.fields(root, "the hotlines file",
                Set.of("time_zone", "reply", "lines"), Set.of("max_lines"));
        ZoneId zone;
        try {
            zone = ZoneId.of(file.text(top.get("time_zone"), "time_zone"));
        } catch (DateTimeException e) {
            throw file.error(top.get("time_zone"), "time_zone is not a time zone; write Asia/Tokyo");
        }
        int maxLines = top.containsKey("max_lines") ? file.number(top.get("max_lines"), "max_lines", 1, 20) : 5;
        Wording wording = wording(file, top.get("reply"));

        List<Line> lines = new ArrayList<>();
        for (Node entry : file.items(top.get("lines"), "lines")) {
            lines.add(line(file, entry));
        }
        for (CrisisKind kind : CrisisKind.values()) {
            boolean alwaysAnswered = lines.stream().anyMatch(l -> l.kinds().contains(kind) && l.hours().always());
            if (!alwaysAnswered) {
                throw file.error(top.get("lines"), "no line for " + kind.fileName()
                        + " answers at all hours (hours: 24h); a reply at 3 a.m. must still list someone");
            }
        }
        return new HotlineBook(zone, maxLines, wording, lines);
    }

    private static Wording wording(YamlFile file, Node node) {
        Map<String, Node> fields = file.fields(node, "reply", Set.of("first_line", "lines_intro", "closing"), Set.of());
        Map<CrisisKind, String> firstLines = new EnumMap<>(CrisisKind.class);
        file.entries(fields.get("first_line"), "first_line").forEach((name, value) -> {
            CrisisKind kind = CrisisKind.ofFileName(name).orElseThrow(() -> file.error(value,
                    "unknown kind '" + name + "' under first_line"));
            firstLines.put(kind, file.text(value, "first_line: " + name));
        });
        for (CrisisKind kind : CrisisKind.values()) {
            if (!firstLines.containsKey(kind)) {
                throw file.error(fields.get("first_line"), "first_line has no line for " + kind.fileName());
            }
        }
        return new Wording(firstLines, file.text(fields.get("lines_intro"), "lines_intro"),
                file.text(fields.get("closing"), "closing"));
    }

    private static Line line(YamlFile file, Node entry) {
        Map<String, Node> fields = file.fields(entry, "a line", Set.of("name", "number", "hours", "kinds", "for"),
                Set.of("danger_now", "free", "note", "verify"));
        String name = file.text(fields.get("name"), "name");
        String number = file.text(fields.get("number"), "number");
        if (!NUMBER.matcher(number).matches()) {
            throw file.error(fields.get("number"), "number '" + number + "' must be digits with '-' (and # in front for short numbers), e.g. 0120-279-338 or #8008");
        }
        Set<CrisisKind> kinds = EnumSet.noneOf(CrisisKind.class);
        for (Node kindNode : file.items(fields.get("kinds"), "kinds")) {
            String kindName = file.text(kindNode, "a kind");
            kinds.add(CrisisKind.ofFileName(kindName).orElseThrow(() -> file.error(kindNode,
                    "unknown kind '" + kindName + "'; use " + String.join(", ",
                            Arrays.stream(CrisisKind.values()).map(CrisisKind::fileName).toList()))));
        }
        String audience = file.text(fields.get("for"), "for");
        if (!AUDIENCES.contains(audience)) {
            throw file.error(fields.get("for"), "for: '" + audience + "' is not one of " + String.join(", ", new TreeSet<>(AUDIENCES)));
        }
        return new Line(name, number, hours(file, fields.get("hours")), kinds, audience,
                file.flag(fields.get("danger_now"), "danger_now"), file.flag(fields.get("free"), "free"),
                file.optionalText(fields.get("note"), "note"), file.flag(fields.get("verify"), "verify"));
    }

    private static OpeningHours hours(YamlFile file, Node node) {
        List<Node> items = file.items(node, "hours");
        if (items.size() == 1) {
            String only = file.text(items.getFirst(), "hours");
            if (only.equalsIgnoreCase("24h")) {
                return OpeningHours.ALWAYS;
            }
            if (only.equalsIgnoreCase("unknown")) {
                return OpeningHours.UNKNOWN;
            }
        }
        List<OpeningHours.Range> ranges = new ArrayList<>();
        for (Node item : items) {
            try {
                ranges.add(OpeningHours.parseRange(file.text(item, "hours")));
            } catch (IllegalArgumentException e) {
                throw file.error(item, e.getMessage());
            }
        }
        return new OpeningHours(false, ranges);
    }

    List<Line> unverified() {
        return lines.stream().filter(Line::verify).toList();
    }
}
