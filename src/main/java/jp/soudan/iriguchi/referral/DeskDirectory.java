package jp.soudan.iriguchi.referral;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import jp.soudan.iriguchi.referral.casework.Desk;

/**
 * The desks, their hours and the routing rules, read from the city's file ({@code desks.yaml})
 * once at start-up. A mistake in the file stops the start with a message that names the entry,
 * rather than routing a resident's request to nowhere later.
 */
@Component
class DeskDirectory {

    /**
     * @param desk id and name
     * @param mail addresses notified of new tickets (may be empty)
     * @param webhook a URL that receives a JSON notice of new tickets, if any
     * @param hours when the desk reads tickets
     */
    record DeskEntry(Desk desk, List<String> mail, @Nullable URI webhook, OpeningHours hours) {
        DeskEntry {
            mail = List.copyOf(mail);
        }

        String id() {
            return desk.id();
        }

        String name() {
            return desk.name();
        }
    }

    /**
     * @param topics topic slugs the rule applies to
     * @param areas areas it applies to; empty: every area, and none
     * @param deskId where such a topic goes
     */
    record Rule(Set<String> topics, Set<String> areas, String deskId) {
        Rule {
            topics = Set.copyOf(topics);
            areas = Set.copyOf(areas);
        }

        boolean matches(String topic, @Nullable String area) {
            return topics.contains(topic) && (areas.isEmpty() || (area != null && areas.contains(area)));
        }
    }

    private final Map<String, DeskEntry> desks;
    /** File order, for the console's lists. */
    private final List<String> order;
    private final List<Rule> rules;
    private final String onDutyDeskId;
    private final String defaultDeskId;
    private final String severalDesksId;
    private final ZoneId zone;

    @Autowired
    DeskDirectory(ReferralSettings settings) {
        this(read(Path.of(settings.desksFile())), settings.desksFile());
    }

    /** For tests: a directory from YAML text. */
    static DeskDirectory fromYaml(String yaml) {
        return new DeskDirectory(yaml().load(yaml), "(test)");
    }

    /**
     * SnakeYAML's default reading of {@code 2026-13-45} is a lenient date in 2027; dates stay text
     * here and are parsed strictly, so that a typo in a holiday stops the start.
     */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
                addImplicitResolver(Tag.INT, INT, "-+0123456789");
                addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
                addImplicitResolver(Tag.MERGE, MERGE, "<");
                addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, EMPTY, null);
            }
        });
    }

    private DeskDirectory(@Nullable Object root, String source) {
        Node file = new Node(source, root);
        this.zone = file.zone("zone", ZoneId.of("Asia/Tokyo"));
        Set<LocalDate> closed = new LinkedHashSet<>();
        for (Node date : file.list("closed-dates")) {
            closed.add(date.date());
        }
        OpeningHours defaultHours = file.has("default-hours")
                ? file.child("default-hours").hours(closed, zone)
                : new OpeningHours(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY), LocalTime.of(8, 30), LocalTime.of(17, 15), closed, zone);

        Map<String, DeskEntry> byId = new LinkedHashMap<>();
        List<Node> deskNodes = file.list("desks");
        if (deskNodes.isEmpty()) {
            throw file.problem("desks", "at least one desk is needed");
        }
        for (Node node : deskNodes) {
            String id = node.text("id");
            if (!id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw node.problem("id", "'" + id + "' must be 1 to 40 lower-case letters, digits or '-'");
            }
            DeskEntry entry = new DeskEntry(new Desk(id, node.text("name")), node.texts("mail"), node.uri("webhook"),
                    node.has("hours") ? node.child("hours").hours(closed, zone) : defaultHours);
            if (byId.putIfAbsent(id, entry) != null) {
                throw node.problem("id", "desk '" + id + "' is listed twice");
            }
        }
        this.desks = Map.copyOf(byId);

        Node routing = file.child("routing");
        this.onDutyDeskId = known(routing, "on-duty");
        this.defaultDeskId = known(routing, "default");
        this.severalDesksId = routing.has("several-desks") ? known(routing, "several-desks") : defaultDeskId;
        List<Rule> parsed = new ArrayList<>();
        for (Node rule : routing.list("rules")) {
            List<String> topics = rule.texts("topics");
            if (topics.isEmpty()) {
                throw rule.problem("topics", "a rule needs at least one topic");
            }
            parsed.add(new Rule(Set.copyOf(topics), Set.copyOf(rule.texts("areas")), known(rule, "desk")));
        }
        this.rules = List.copyOf(parsed);
        this.order = List.copyOf(byId.keySet());
    }

    private String known(Node node, String key) {
        String id = node.text(key);
        if (!desks.containsKey(id)) {
            throw node.problem(key, "no desk '" + id + "' (desks: " + String.join(", ", desks.keySet()) + ")");
        }
        return id;
    }

    private static @Nullable Object read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("The desks file " + path.toAbsolutePath()
                    + " does not exist; set iriguchi.referral.desks-file (see config/desks/desks.yaml)");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    List<DeskEntry> all() {
        return order.stream().map(desks::get).toList();
    }

    Optional<DeskEntry> find(String id) {
        return Optional.ofNullable(desks.get(id));
    }

    DeskEntry get(String id) {
        DeskEntry entry = desks.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no desk '" + id + "'");
        }
        return entry;
    }

    List<Rule> rules() {
        return rules;
    }

    DeskEntry onDuty() {
        return desks.get(onDutyDeskId);
    }

    DeskEntry fallback() {
        return desks.get(defaultDeskId);
    }

    DeskEntry severalDesks() {
        return desks.get(severalDesksId);
    }

    ZoneId zone() {
        return zone;
    }

    /** A position in the YAML tree, for typed reads with error messages that say where. */
    private record Node(String path, @Nullable Object value) {

        boolean has(String key) {
            return map().get(key) != null;
        }

        Node child(String key) {
            Object child = map().get(key);
            if (child == null) {
                throw problem(key, "missing");
            }
            return new Node(path + "." + key, child);
        }

        List<Node> list(String key) {
            Object child = map().get(key);
            if (child == null) {
                return List.of();
            }
            if (!(child instanceof List<?> items)) {
                throw problem(key, "must be a list");
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                nodes.add(new Node(path + "." + key + "[" + i + "]", items.get(i)));
            }
            return nodes;
        }

        String text(String key) {
            Object child = map().get(key);
            if (child == null || child.toString().isBlank()) {
                throw problem(key, "missing");
            }
            if (child instanceof Map<?, ?> || child instanceof Collection<?>) {
                throw problem(key, "must be a single value");
            }
            return child.toString().strip();
        }

        List<String> texts(String key) {
            return list(key).stream().map(node -> {
                if (node.value() == null || node.value() instanceof Map<?, ?> || node.value() instanceof Collection<?>) {
                    throw new IllegalStateException(node.path() + ": must be a single value");
                }
                return node.value().toString().strip();
            }).toList();
        }

        @Nullable URI uri(String key) {
            Object child = map().get(key);
            if (child == null || child.toString().isBlank()) {
                return null;
            }
            try {
                URI uri = URI.create(child.toString().strip());
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                    throw problem(key, "must be an http(s) URL");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw problem(key, "'" + child + "' is not a URL");
            }
        }

        ZoneId zone(String key, ZoneId fallback) {
            Object child = map().get(key);
            if (child == null) {
                return fallback;
            }
            try {
                return ZoneId.of(child.toString());
            } catch (DateTimeException e) {
                throw problem(key, "'" + child + "' is not a time zone (e.g. Asia/Tokyo)");
            }
        }

        LocalDate date() {
            try {
                return LocalDate.parse(String.valueOf(value));
            } catch (DateTimeException e) {
                throw new IllegalStateException(path + ": '" + value + "' is not a date (YYYY-MM-DD)");
            }
        }

        LocalTime time(String key) {
            Object child = map().get(key);
            if (child instanceof Integer) {
                throw problem(key, "write times in quotes, e.g. \"08:30\" (YAML reads 08:30 as a number)");
            }
            try {
                return LocalTime.parse(text(key));
            } catch (DateTimeException e) {
                throw problem(key, "'" + child + "' is not a time (HH:MM)");
            }
        }

        OpeningHours hours(Set<LocalDate> closed, ZoneId zone) {
            Set<DayOfWeek> days = new LinkedHashSet<>();
            for (String day : texts("days")) {
                days.add(dayOfWeek(day));
            }
            try {
                return new OpeningHours(days, time("open"), time("close"), closed, zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(path + ": " + e.getMessage());
            }
        }

        private DayOfWeek dayOfWeek(String day) {
            for (DayOfWeek candidate : DayOfWeek.values()) {
                if (candidate.name().startsWith(day.toUpperCase(Locale.ROOT)) && day.length() >= 3) {
                    return candidate;
                }
            }
            throw problem("days", "'" + day + "' is not a weekday (MON, TUE, …)");
        }

        private Map<?, ?> map() {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalStateException(path + ": must be a mapping");
            }
            return map;
        }

        IllegalStateException problem(String key, String message) {
            return new IllegalStateException("desks file " + path + "." + key + ": " + message);
        }
    }
}
