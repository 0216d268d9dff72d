package jp.soudan.iriguchi.referral;

import java.util.List;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.line.ResidentId;

/**
 * Everything a desk needs to take a case up without asking the resident again.
 *
 * @param resident who asked (pseudonymous; the desk answers through the bot)
 * @param aboutWhom who the trouble is about
 * @param topics topic slugs from {@code topics.yaml}, possibly empty
 * @param residentWords what the resident wrote in their own words (may be blank); stored encrypted
 * @param youngCarer the young-carer part of the summary, when the intake took that path
 * @param faqShown the FAQ entries the resident was shown and what they said of them
 * @param urgency how soon the desk must act
 * @param urgencyReason why (e.g. {@code crisis:SUICIDE_SELF_HARM}, {@code asked-for-a-person})
 * @param contact how the desk may, and may not, contact the resident
 * @param consent what the resident agreed to
 * @param area district or junior-high-school area, if given
 * @param residentMessages the LINE messages {@code residentWords} was made of, when known, so that
 *        a message the resident takes back (unsends) can be taken out of the ticket again
 */
public record ReferralRequest(
        ResidentId resident,
        AboutWhom aboutWhom,
        List<String> topics,
        String residentWords,
        @Nullable YoungCarerSummary youngCarer,
        List<FaqShown> faqShown,
        Urgency urgency,
        String urgencyReason,
        ContactPreferences contact,
        Consent consent,
        @Nullable String area,
        List<ResidentMessage> residentMessages) {

    public ReferralRequest {
        residentMessages = residentMessages == null ? List.of() : List.copyOf(residentMessages);
        topics = List.copyOf(topics);
        faqShown = List.copyOf(faqShown);
        residentWords = residentWords == null ? "" : residentWords;
    }

    /** A request whose words are not tied to LINE messages (an unsend cannot take them out). */
    public ReferralRequest(ResidentId resident, AboutWhom aboutWhom, List<String> topics, String residentWords,
                           @Nullable YoungCarerSummary youngCarer, List<FaqShown> faqShown, Urgency urgency,
                           String urgencyReason, ContactPreferences contact, Consent consent, @Nullable String area) {
        this(resident, aboutWhom, topics, residentWords, youngCarer, faqShown, urgency, urgencyReason, contact, consent,
                area, List.of());
    }

    @Override
    public String toString() {
        return "ReferralRequest[urgency=" + urgency + ", topics=" + topics + "]";
    }

    /**
     * One message of the resident's words.
     *
     * @param messageId LINE's id of the message
     * @param text what it said
     */
    public record ResidentMessage(String messageId, String text) {
        @Override
        public String toString() {
            return "ResidentMessage[" + messageId + "]";
        }
    }

    /** Who the trouble is about. */
    public enum AboutWhom { SELF, FAMILY, ACQUAINTANCE, NEIGHBOUR, UNKNOWN }

    /** How soon a desk must act. */
    public enum Urgency { NORMAL, SOON, URGENT }

    /** How a desk may reach the resident. */
    public enum ContactMethod { LINE_ONLY, PHONE, VISIT }

    /**
     * @param method the way the resident chose
     * @param phone a number, only when they gave one
     * @param timesToAvoid when not to call or write, in their words (e.g. "夕方は家族がいる")
     * @param familyMustNotKnow the family must not learn of the consultation: no calls home,
     *        no letters, no follow-up messages that could be read as alarming
     */
    public record ContactPreferences(ContactMethod method, @Nullable String phone, @Nullable String timesToAvoid,
                                     boolean familyMustNotKnow) {

        public static ContactPreferences lineOnly() {
            return new ContactPreferences(ContactMethod.LINE_ONLY, null, null, false);
        }

        @Override
        public String toString() {
            return "ContactPreferences[method=" + method + ", familyMustNotKnow=" + familyMustNotKnow + "]";
        }
    }

    /**
     * @param shareWithDesk the resident agreed that what they told the bot goes to the desk
     * @param followUpAllowed the bot may ask a few days after closing whether they were helped
     */
    public record Consent(boolean shareWithDesk, boolean followUpAllowed) {
    }

    /**
     * The young-carer part of a referral, built on the national early-detection viewpoints. No
     * score and no label: what the child said, in structured form.
     *
     * @param caresFor who they look after (e.g. "母", "きょうだい")
     * @param tasks what they do (housework, siblings, watching over, emotional support,
     *        interpreting, earning, hospital visits, personal care, …)
     * @param hoursPerDay roughly how many hours, in their words
     * @param effects effects on school, sleep, friends, own time
     * @param adultKnows whether an adult knows (null: not answered)
     * @param wishes what they wish for, in their words
     */
    public record YoungCarerSummary(@Nullable String caresFor, List<String> tasks, @Nullable String hoursPerDay,
                                    List<String> effects, @Nullable Boolean adultKnows, @Nullable String wishes) {
        public YoungCarerSummary {
            tasks = List.copyOf(tasks);
            effects = List.copyOf(effects);
        }

        @Override
        public String toString() {
            return "YoungCarerSummary[tasks=" + tasks.size() + "]";
        }
    }

    /**
     * @param entryId the FAQ entry shown
     * @param helpful what the resident said of it (null: nothing)
     */
    public record FaqShown(String entryId, @Nullable Boolean helpful) {
    }
}
