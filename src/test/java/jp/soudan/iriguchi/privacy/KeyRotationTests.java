package jp.soudan.iriguchi.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import jp.soudan.iriguchi.privacy.ReencryptionJob.Counts;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactMethod;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactPreferences;
import jp.soudan.iriguchi.referral.ReferralRequest.FaqShown;
import jp.soudan.iriguchi.referral.ReferralRequest.YoungCarerSummary;
import jp.soudan.iriguchi.referral.ReferralTestSupport;
import jp.soudan.iriguchi.referral.Referrals;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Caseworker;
import jp.soudan.iriguchi.testkit.ResidentChat;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * A content-key rotation on the running bot's own data: a whole conversation through the signed
 * webhook becomes a ticket, staff answer, the resident answers back; then the keyset gains a new
 * primary key and the re-encryption job moves every sealed column of every feature to it, after
 * which a keyset with only the new key opens everything.
 *
 * <p>The running bot keeps the original keyset (it is read at start-up), so the test moves the
 * data back to the original key at the end, which is the same job with the original key primary.
 */
class KeyRotationTests extends ReferralTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    PrivacySettings settings;
    @Autowired
    List<SealedColumn> columns;
    @Autowired
    Casework casework;
    @Autowired
    Referrals referrals;

    @Test
    void everySealedColumnMovesToTheNewKeyAndOpensWithItAlone() throws Exception {
        ResidentChat chat = new ResidentChat(port, LINE_SECRET, fakeLine);
        String caseNumber = intakeToTicket(chat, "家賃が払えません（鍵の入れ替え）");
        String deskId = jdbc.sql("SELECT desk_id FROM ticket WHERE case_number = :c").param("c", caseNumber).query(String.class).single();
        Caseworker staff = new Caseworker("rotation-staff", "担当", Set.of(deskId));
        casework.reply(staff, caseNumber, "お話を聞かせてください");
        awaitPush(chat.userId(), "お話を聞かせてください", WAIT);
        chat.post(Webhooks.text(chat.userId(), "夜なら話せます"));
        await().atMost(WAIT).until(() -> casework.find(staff.scope(), caseNumber).orElseThrow().conversation().size() == 2);
        // Contact details and young-carer answers, which the intake above skipped.
        referrals.open(new ReferralRequest(newResident(), ReferralRequest.AboutWhom.FAMILY, List.of("young-carer"), "弟の世話",
                new YoungCarerSummary("弟", List.of("食事"), "3", List.of(), false, null), List.of(new FaqShown("yc-1", true)),
                ReferralRequest.Urgency.NORMAL, "asked-for-a-person",
                new ContactPreferences(ContactMethod.PHONE, "090-1234-5678", "夕方", true), new ReferralRequest.Consent(true, false), null));
        assertThat(columns).extracting(SealedColumn::name).containsExactlyInAnyOrder(
                "inbound_event.payload", "outbound_message.messages", "line_recipient.sealed_user_id", "dialogue_conversation.slots",
                "ticket_content.resident_words", "ticket_content.phone", "ticket_content.times_to_avoid",
                "ticket_content.young_carer", "ticket_content.faq_shown", "ticket_content.resident_word_parts", "ticket_message.body");
        assertThat(columns).allSatisfy(column -> assertThat(values(column)).as(column.name()).isNotEmpty());
        assertThat(columnsHoldingSealedValues()).as("a column sealed but not declared would keep the old key forever")
                .containsExactlyInAnyOrderElementsOf(columns.stream().map(SealedColumn::name).toList());

        KeysetHandle original = KeyMaterial.contentKeyset(settings);
        KeysetHandle rotated = KeysetHandle.newBuilder(original)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build();
        KeysetHandle onlyNew = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(rotated.getPrimary().getKey())
                .withFixedId(rotated.getPrimary().getId()).makePrimary()).build();
        ContentCipher afterRotation = new TinkContentCipher(rotated);
        assertThat(afterRotation.open(words(caseNumber), "ticket_content.resident_words"))
                .as("written before the rotation, readable after it").contains("家賃が払えません（鍵の入れ替え）");
        try {
            Map<String, Counts> report = job(afterRotation).run();

            assertThat(report).containsOnlyKeys(columns.stream().map(SealedColumn::name).toList());
            assertThat(report.values()).allSatisfy(counts -> assertThat(counts.resealed()).isPositive());
            ContentCipher newKeyOnly = new TinkContentCipher(onlyNew);
            for (SealedColumn column : columns) {
                Counts counts = report.get(column.name());
                long notOpened = values(column).stream().filter(value -> !opens(newKeyOnly, value, column.purpose())).count();
                assertThat(notOpened).as(column.name() + ": only what the job reported as unreadable stays closed")
                        .isEqualTo(counts.unreadable() + counts.notSealed());
            }
            assertThat(newKeyOnly.open(words(caseNumber), "ticket_content.resident_words")).contains("家賃が払えません（鍵の入れ替え）");
            assertThat(job(afterRotation).run().values()).as("a second run").allSatisfy(counts -> assertThat(counts.resealed()).isZero());
        } finally {
            job(new TinkContentCipher(originalFirst(original, rotated))).run();
        }
        assertThat(casework.find(staff.scope(), caseNumber).orElseThrow().residentWords())
                .as("the bot, which still has the original key, reads its data again").contains("家賃が払えません（鍵の入れ替え）");
    }

    private String intakeToTicket(ResidentChat chat, String words) {
        chat.send(Webhooks.follow(chat.userId()));
        chat.tap("はじめる");
        chat.say("相談員と話したい");
        chat.tap("つないでほしい");
        chat.say(words);
        chat.tap("次へ");
        chat.tap("このLINEで");
        for (int i = 0; i < 4; i++) {
            chat.tap("とばす");
        }
        chat.tap("この内容で送る");
        return jdbc.sql("SELECT case_number FROM ticket WHERE subject = :s").param("s", pseudonyms.subjectOf(chat.userId()))
                .query(String.class).single();
    }

    private ReencryptionJob job(ContentCipher cipher) {
        return new ReencryptionJob(columns, cipher, jdbc, new ReencryptionSettings("-", false, 50));
    }

    private List<String> values(SealedColumn column) {
        return jdbc.sql("SELECT " + column.column() + " FROM " + column.table() + " WHERE " + column.column() + " IS NOT NULL")
                .query(String.class).list();
    }

    /** Every text column of the schema that holds a value in the cipher's format. */
    private List<String> columnsHoldingSealedValues() {
        return jdbc.sql("""
                        SELECT table_name, column_name FROM information_schema.columns
                        WHERE table_schema = 'PUBLIC' AND data_type IN ('CHARACTER VARYING', 'CHARACTER LARGE OBJECT')""")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list().stream()
                .filter(column -> jdbc.sql("SELECT COUNT(*) FROM \"%s\" WHERE \"%s\" LIKE 't1:%%'".formatted(column.get(0), column.get(1)))
                        .query(Long.class).single() > 0)
                .map(column -> (column.get(0) + "." + column.get(1)).toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    private String words(String caseNumber) {
        return jdbc.sql("SELECT c.resident_words FROM ticket_content c JOIN ticket t ON t.id = c.ticket_id WHERE t.case_number = :c")
                .param("c", caseNumber).query(String.class).single();
    }

    private static boolean opens(ContentCipher cipher, String value, String purpose) {
        try {
            cipher.open(value, purpose);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The original key primary again, the new one kept to open what it sealed. */
    private static KeysetHandle originalFirst(KeysetHandle original, KeysetHandle rotated) throws Exception {
        return KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(original.getPrimary().getKey()).withFixedId(original.getPrimary().getId()).makePrimary())
                .addEntry(KeysetHandle.importKey(rotated.getPrimary().getKey()).withFixedId(rotated.getPrimary().getId()))
                .build();
    }
}
