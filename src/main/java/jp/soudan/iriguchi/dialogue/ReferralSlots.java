package jp.soudan.iriguchi.dialogue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The slots the referral is built from, and the values a choice may give the ones the desk reads
 * as fixed categories. A dialogue file that sets such a slot to another value fails validation,
 * so a city's edit cannot produce a referral the desk cannot sort.
 */
final class ReferralSlots {

    static final String ABOUT_WHOM = "about_whom";
    static final String AGE_BAND = "age_band";
    static final String TOPICS = "topics";
    static final String WORDS = "words";
    static final String URGENCY = "urgency";
    static final String URGENCY_REASON = "urgency_reason";
    static final String CONTACT_METHOD = "contact_method";
    static final String PHONE = "phone";
    static final String AVOID_TIMES = "avoid_times";
    static final String FAMILY_PRIVATE = "family_private";
    static final String FOLLOW_UP = "follow_up";
    static final String AREA = "area";
    static final String YC_PATH = "yc_path";
    static final String YC_CARES_FOR = "yc_cares_for";
    static final String YC_REASON = "yc_reason";
    static final String YC_TASKS = "yc_tasks";
    static final String YC_HOURS = "yc_hours";
    static final String YC_EFFECTS = "yc_effects";
    static final String YC_ADULT_KNOWS = "yc_adult_knows";
    static final String YC_WISH = "yc_wish";

    /** Slot → the values a choice may set. {@code topics} is checked against topics.yaml instead. */
    static final Map<String, Set<String>> DOMAINS = Map.of(
            ABOUT_WHOM, Set.of("self", "family", "acquaintance", "neighbour"),
            CONTACT_METHOD, Set.of("line", "phone", "visit"),
            URGENCY, Set.of("normal", "soon", "urgent"),
            FAMILY_PRIVATE, Set.of("yes", "no"),
            FOLLOW_UP, Set.of("yes", "no"),
            YC_PATH, Set.of("yes", "no"),
            YC_ADULT_KNOWS, Set.of("yes", "no", "unknown"));

    /** Slots that hold what the resident wrote: they leave the conversation once the ticket is open. */
    static final List<String> CONTENT = List.of(WORDS, PHONE, AVOID_TIMES, AREA, YC_CARES_FOR, YC_REASON, YC_HOURS, YC_WISH);

    /** Values the engine itself may write into slots (the miss handling stores words). */
    static final Set<String> ENGINE_FILLED = Set.of(WORDS);

    private ReferralSlots() {
    }
}
