package jp.soudan.iriguchi.safety;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a line answers, as the city writes it in {@code hotlines.yaml}: {@code 24h}; {@code unknown}
 * (never listed as open, e.g. hours that differ by prefecture until the city fills them in); or
 * ranges such as {@code daily 10:00-22:00}, {@code mon-fri 09:00-17:00}, {@code sat,sun 10:00-16:00},
 * {@code fri 22:00-06:00} (overnight: into Saturday morning). Public holidays are not known here.
 */
record OpeningHours(boolean always, List<Range> ranges) {

    static final OpeningHours ALWAYS = new OpeningHours(true, List.of());
    static final OpeningHours UNKNOWN = new OpeningHours(false, List.of());

    private static final Pattern RANGE = Pattern.compile(
            "([a-z,\\-]+)\\s+(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final String DAY_LABELS = "月火水木金土日";

    /**
     * One weekly range; minutes of the day, {@code to} may be 1440 (24:00). When {@code from > to}
     * the range runs overnight into the next day.
     */
    record Range(Set<DayOfWeek> days, int from, int to) {

        boolean isOpenAt(DayOfWeek day, int minute) {
            if (from < to) {
                return days.contains(day) && minute >= from && minute < to;
            }
            return (days.contains(day) && minute >= from) || (days.contains(day.minus(1)) && minute < to);
        }

        String describe() {
            return describeDays(days) + " " + time(from) + "〜" + time(to);
        }
    }

    OpeningHours {
        ranges = List.copyOf(ranges);
    }

    boolean isKnown() {
        return always || !ranges.isEmpty();
    }

    boolean isOpenAt(LocalDateTime time) {
        if (always) {
            return true;
        }
        int minute = time.getHour() * 60 + time.getMinute();
        return ranges.stream().anyMatch(range -> range.isOpenAt(time.getDayOfWeek(), minute));
    }

    /** For the resident: 24時間, 毎日 10:00〜22:00, 月〜金 9:00〜17:00. */
    String describe() {
        if (always) {
            return "24時間";
        }
        if (ranges.isEmpty()) {
            return "時間は地域で異なります";
        }
        return String.join("、", ranges.stream().map(Range::describe).toList());
    }

    /**
     * Parses one item of {@code hours:}.
     *
     * @throws IllegalArgumentException saying what is wrong, for the editor
     */
    static Range parseRange(String text) {
        Matcher m = RANGE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an opening time; write e.g. "
                    + "\"daily 10:00-22:00\", \"mon-fri 09:00-17:00\" or \"sat,sun 10:00-16:00\"");
        }
        Set<DayOfWeek> days = parseDays(m.group(1), text);
        int from = minutes(m.group(2), m.group(3), text);
        int to = minutes(m.group(4), m.group(5), text);
        if (from == to || from == 1440) {
            throw new IllegalArgumentException("'" + text + "' opens and closes at the same time; write 24h for a line that never closes");
        }
        return new Range(days, from, to);
    }

    private static Set<DayOfWeek> parseDays(String text, String whole) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            if (part.equals("daily")) {
                days.addAll(EnumSet.allOf(DayOfWeek.class));
                continue;
            }
            String[] ends = part.split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException("'" + whole + "': '" + part + "' is not a day or a range of days");
            }
            DayOfWeek first = day(ends[0], whole);
            DayOfWeek last = day(ends[ends.length - 1], whole);
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name, String whole) {
        int index = DAY_NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("'" + whole + "': unknown day '" + name
                    + "'; use daily or " + String.join(", ", DAY_NAMES));
        }
        return DayOfWeek.of(index + 1);
    }

    private static int minutes(String hours, String minutes, String whole) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (h > 24 || m > 59 || (h == 24 && m != 0)) {
            throw new IllegalArgumentException("'" + whole + "': " + hours + ":" + minutes + " is not a time of day");
        }
        return h * 60 + m;
    }

    private static String time(int minutes) {
        return (minutes / 60) + ":" + String.format(Locale.ROOT, "%02d", minutes % 60);
    }

    static String describeDays(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "毎日";
        }
        List<DayOfWeek> sorted = new ArrayList<>(days);
        sorted.sort(null);
        boolean consecutive = sorted.size() >= 3
                && sorted.getLast().getValue() - sorted.getFirst().getValue() == sorted.size() - 1;
        if (consecutive) {
            return label(sorted.getFirst()) + "〜" + label(sorted.getLast());
        }
        return String.join("・", sorted.stream().map(OpeningHours::label).toList());
    }

    private static String label(DayOfWeek day) {
        return String.valueOf(DAY_LABELS.charAt(day.getValue() - 1));
    }
}
