package jp.soudan.iriguchi.dialogue;

import static jp.soudan.iriguchi.dialogue.ReferralSlots.*;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactMethod;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/**
 * Builds the referral from a conversation's slots. Values the resident picked reach the desk as
 * the Japanese label of their choice (the desk reads Japanese whatever language the resident used);
 * what they wrote reaches it as written.
 */
final class ReferralDrafts {

    /** The language the desk reads. */
    private static final String DESK_LANGUAGE = "ja";
    private static final String WORDS_SEPARATOR = "\n";

    private final DialogueBook book;

    ReferralDrafts(DialogueBook book) {
        this.book = book;
    }

    ReferralRequest request(ResidentId resident, Slots slots) {
        String urgencyReason = slots.value(URGENCY_REASON);
        return new ReferralRequest(
                resident,
                aboutWhom(slots.value(ABOUT_WHOM)),
                slots.values(TOPICS),
                String.join(WORDS_SEPARATOR, slots.values(WORDS)),
                youngCarer(slots),
                faqShown(slots),
                urgency(slots.value(URGENCY)),
                urgencyReason == null ? "intake" : urgencyReason,
                new ReferralRequest.ContactPreferences(contactMethod(slots.value(CONTACT_METHOD)),
                        slots.value(PHONE), forDesk(AVOID_TIMES, slots), "yes".equals(slots.value(FAMILY_PRIVATE))),
                // Pressing "send" on the summary is the resident's consent to share it with the desk.
                new ReferralRequest.Consent(true, "yes".equals(slots.value(FOLLOW_UP))),
                slots.value(AREA),
                residentMessages(slots));
    }

    /** The words message by message, so that one the resident takes back can leave the ticket too. */
    private static List<ReferralRequest.ResidentMessage> residentMessages(Slots slots) {
        List<String> words = slots.values(WORDS);
        List<String> ids = slots.messageIds(WORDS);
        if (ids.size() != words.size()) {
            return List.of();
        }
        List<ReferralRequest.ResidentMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (!ids.get(i).isEmpty()) {
                messages.add(new ReferralRequest.ResidentMessage(ids.get(i), words.get(i)));
            }
        }
        return messages.size() == words.size() ? messages : List.of();
    }

    /** What the resident wrote, merged and shortened for reading back in the summary. */
    String wordsPreview(Slots slots) {
        String words = String.join(" / ", slots.values(WORDS)).strip();
        return Prompts.shorten(words, 150);
    }

    private ReferralRequest.@Nullable YoungCarerSummary youngCarer(Slots slots) {
        boolean answered = List.of(YC_CARES_FOR, YC_REASON, YC_TASKS, YC_HOURS, YC_EFFECTS, YC_ADULT_KNOWS, YC_WISH).stream()
                .anyMatch(slots::isSet);
        if (!"yes".equals(slots.value(YC_PATH)) && !answered) {
            return null;
        }
        String caresFor = forDesk(YC_CARES_FOR, slots);
        String reason = forDesk(YC_REASON, slots);
        if (caresFor != null && reason != null) {
            caresFor = caresFor + "（" + reason + "）";
        } else if (reason != null) {
            caresFor = "（" + reason + "）";
        }
        String adult = slots.value(YC_ADULT_KNOWS);
        return new ReferralRequest.YoungCarerSummary(
                caresFor,
                labels(YC_TASKS, slots),
                forDesk(YC_HOURS, slots),
                labels(YC_EFFECTS, slots),
                adult == null || adult.equals("unknown") ? null : adult.equals("yes"),
                forDesk(YC_WISH, slots));
    }

    private List<ReferralRequest.FaqShown> faqShown(Slots slots) {
        List<ReferralRequest.FaqShown> shown = new ArrayList<>();
        List<String> feedback = slots.values(DialogueActions.FAQ_FEEDBACK);
        for (String entry : slots.values(DialogueActions.FAQ_ENTRIES)) {
            Boolean helpful = null;
            if (feedback.contains(entry + ":y")) {
                helpful = true;
            } else if (feedback.contains(entry + ":n")) {
                helpful = false;
            }
            shown.add(new ReferralRequest.FaqShown(entry, helpful));
        }
        return shown;
    }

    /** A slot as the desk reads it: labels of picked values, free text as written; null when unset. */
    private @Nullable String forDesk(String slot, Slots slots) {
        List<String> labels = labels(slot, slots);
        return labels.isEmpty() ? null : String.join("、", labels);
    }

    private List<String> labels(String slot, Slots slots) {
        return slots.values(slot).stream().map(value -> {
            Localized label = book.labelOf(slot, value);
            return label != null ? label.in(DESK_LANGUAGE) : value;
        }).toList();
    }

    private static AboutWhom aboutWhom(@Nullable String value) {
        return value == null ? AboutWhom.UNKNOWN : switch (value) {
            case "self" -> AboutWhom.SELF;
            case "family" -> AboutWhom.FAMILY;
            case "acquaintance" -> AboutWhom.ACQUAINTANCE;
            case "neighbour" -> AboutWhom.NEIGHBOUR;
            default -> AboutWhom.UNKNOWN;
        };
    }

    private static Urgency urgency(@Nullable String value) {
        return value == null ? Urgency.NORMAL : switch (value) {
            case "soon" -> Urgency.SOON;
            case "urgent" -> Urgency.URGENT;
            default -> Urgency.NORMAL;
        };
    }

    private static ContactMethod contactMethod(@Nullable String value) {
        return value == null ? ContactMethod.LINE_ONLY : switch (value) {
            case "phone" -> ContactMethod.PHONE;
            case "visit" -> ContactMethod.VISIT;
            default -> ContactMethod.LINE_ONLY;
        };
    }
}
