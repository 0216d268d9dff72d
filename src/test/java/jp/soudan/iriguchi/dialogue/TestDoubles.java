package jp.soudan.iriguchi.dialogue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.faq.FaqAnswer;
import jp.soudan.iriguchi.faq.FaqContact;
import jp.soudan.iriguchi.faq.FaqEntry;
import jp.soudan.iriguchi.faq.FaqFeedback;
import jp.soudan.iriguchi.faq.FaqHit;
import jp.soudan.iriguchi.faq.FaqSearch;
import jp.soudan.iriguchi.line.Inbound;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.line.Turn;
import jp.soudan.iriguchi.privacy.ContentCipher;
import jp.soudan.iriguchi.privacy.ErasedData;
import jp.soudan.iriguchi.privacy.Erasure;
import jp.soudan.iriguchi.privacy.PersonalData;
import jp.soudan.iriguchi.referral.Handoffs;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.Referrals;
import jp.soudan.iriguchi.referral.TicketReceipt;

/** Stand-ins for the features the dialogue talks to, recording what they were asked. */
final class TestDoubles {

    private TestDoubles() {
    }

    /** Opens numbered tickets and remembers each request. */
    static final class RecordingReferrals implements Referrals {
        final List<ReferralRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public TicketReceipt open(ReferralRequest request) {
            requests.add(request);
            return new TicketReceipt("2026-%06d".formatted(requests.size()), "福祉総合相談窓口", "あすの午前中までに");
        }
    }

    /**
     * Finds the entries whose keyword the resident's words contain; nothing fits otherwise.
     * Two entries: care ("介護") and young carers ("お世話").
     */
    static final class ScriptedFaq implements FaqSearch {
        static final FaqEntry CARE = entry("care-001", "介護のことをだれに相談すればいい？", "地域包括支援センターに相談できます。",
                "地域包括支援センター", "0000-22-1111");
        static final FaqEntry YOUNG_CARER = entry("yc-001", "家族のお世話で学校に行けない", "こども家庭センターが話を聞きます。",
                "こども家庭センター", "0000-11-2345");
        final List<String> queries = new CopyOnWriteArrayList<>();

        @Override
        public FaqAnswer search(String residentWords, int limit) {
            queries.add(residentWords);
            List<FaqHit> hits = new java.util.ArrayList<>();
            if (residentWords.contains("介護")) {
                hits.add(new FaqHit(CARE, 2.0f));
            }
            if (residentWords.contains("お世話") || residentWords.contains("ヤングケアラー")) {
                hits.add(new FaqHit(YOUNG_CARER, 1.5f));
            }
            List<FaqHit> limited = hits.subList(0, Math.min(limit, hits.size()));
            return new FaqAnswer(limited, limited.isEmpty());
        }

        private static FaqEntry entry(String id, String question, String answer, String desk, String phone) {
            return new FaqEntry(id, question, answer, List.of("elderly-care"), desk,
                    new FaqContact(phone, "平日 8:30〜17:15", "みどり市役所", null), "だれでも", List.of(),
                    LocalDate.of(2026, 10, 1), true);
        }
    }

    /** Remembers feedback as "entry:y|n". */
    static final class RecordingFaqFeedback implements FaqFeedback {
        final List<String> recorded = new CopyOnWriteArrayList<>();

        @Override
        public void record(String entryId, boolean helpful, @Nullable String subject) {
            recorded.add(entryId + (helpful ? ":y" : ":n") + (subject == null ? "" : ":" + subject));
        }
    }

    /** Handoff mode switched on per resident by the test. */
    static final class SwitchableHandoffs implements Handoffs {
        final Set<ResidentId> active = ConcurrentHashMap.newKeySet();
        final List<String> written = new CopyOnWriteArrayList<>();

        @Override
        public boolean isActive(ResidentId resident) {
            return active.contains(resident);
        }

        @Override
        public void residentWrote(ResidentId resident, @Nullable String messageId, String text, Instant at) {
            written.add(text);
        }
    }

    /** A cipher that only encodes, so that a test sees sealing happen and can open what it stored. */
    static final class ReversibleCipher implements ContentCipher {
        private static final String PREFIX = "test-sealed:";

        @Override
        public String seal(String plaintext, String purpose) {
            return PREFIX + purpose + ":" + java.util.Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String open(String sealed, String purpose) {
            String head = PREFIX + purpose + ":";
            if (!sealed.startsWith(head)) {
                throw new IllegalArgumentException("not sealed for " + purpose);
            }
            return new String(java.util.Base64.getDecoder().decode(sealed.substring(head.length())), StandardCharsets.UTF_8);
        }

        @Override
        public boolean sealedWithOldKey(String sealed) {
            return false;
        }
    }

    /** Erases what the dialogue keeps (as the privacy feature would, through its PersonalData) and records whom. */
    static final class RecordingErasure implements Erasure {
        static final String KEPT_BECAUSE = "受け付けた相談の記録は、窓口が残す必要があるため、あなたとのつながりを外して残します。";
        final List<String> subjects = new CopyOnWriteArrayList<>();
        private final PersonalData conversations;

        RecordingErasure(PersonalData conversations) {
            this.conversations = conversations;
        }

        @Override
        public List<ErasedData> eraseEverythingAbout(String subject) {
            subjects.add(subject);
            return List.of(conversations.eraseSubject(subject), new ErasedData("referral.tickets", 0, 1, KEPT_BECAUSE));
        }
    }

    /** A stand-in for the safety check: a text containing 死にたい is a crisis. */
    static final class KeywordScreen implements TurnScreen {
        static final String CRISIS_REPLY = "（安全確認の返信）";

        @Override
        public Screening screen(Turn turn) {
            if (turn.what() instanceof Inbound.Text text && text.text().contains("死にたい")) {
                return Screening.crisis(List.of(new Reply.Text(CRISIS_REPLY)));
            }
            return Screening.clear();
        }
    }
}
