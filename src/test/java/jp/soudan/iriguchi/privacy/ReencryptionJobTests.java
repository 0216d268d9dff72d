package jp.soudan.iriguchi.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import jp.soudan.iriguchi.privacy.ReencryptionJob.Counts;
import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;

/**
 * The re-encryption job on H2 and PostgreSQL, with a keyset the test rotates itself. Inputs tried:
 * values under the old key (more than one batch, numeric and text keys, NULLs), a value changed
 * between the job's read and its update, a plain value, a value sealed for another purpose, a value
 * that only looks sealed, a column whose table does not exist, names that are not identifiers.
 */
class ReencryptionJobTests {

    private static final String NOTE = "note.body";
    private static final String PERSON = "person.secret";
    private static final SealedColumn NOTES = new SealedColumn("note", "id", "body", NOTE);
    private static final SealedColumn PEOPLE = new SealedColumn("person", "code", "secret", PERSON);

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private final KeysetHandle original;
    private final KeysetHandle rotated;
    private final KeysetHandle onlyNew;

    ReencryptionJobTests() throws Exception {
        AeadConfig.register();
        original = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        rotated = KeysetHandle.newBuilder(original)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build();
        onlyNew = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(rotated.getPrimary().getKey())
                .withFixedId(rotated.getPrimary().getId()).makePrimary()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void afterARotationEveryValueMovesToTheNewKeyAndTheOldKeyCanGo(String database) {
        JdbcClient jdbc = database(database);
        ContentCipher before = new TinkContentCipher(original);
        List<String> words = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            words.add("相談" + i);
            jdbc.sql("INSERT INTO note (id, body) VALUES (:id, :body)").param("id", i).param("body", before.seal("相談" + i, NOTE)).update();
        }
        jdbc.sql("INSERT INTO note (id, body) VALUES (6, NULL)").update();
        jdbc.sql("INSERT INTO person (code, secret) VALUES ('b', :s)").param("s", before.seal("U-b", PERSON)).update();
        jdbc.sql("INSERT INTO person (code, secret) VALUES ('a', :s)").param("s", before.seal("U-a", PERSON)).update();
        ContentCipher after = new TinkContentCipher(rotated);
        assertThat(notes(jdbc)).allSatisfy(sealed -> assertThat(after.sealedWithOldKey(sealed)).isTrue());
        assertThat(notes(jdbc)).extracting(sealed -> after.open(sealed, NOTE)).as("old data readable after rotation")
                .containsExactlyElementsOf(words);

        Map<String, Counts> report = job(jdbc, after, 2).run();

        assertThat(report).containsExactly(Map.entry("note.body", new Counts(5, 0, 0, 0, 0)),
                Map.entry("person.secret", new Counts(2, 0, 0, 0, 0)));
        assertThat(report.values()).allMatch(Counts::nothingOldLeft);
        ContentCipher newKeyOnly = new TinkContentCipher(onlyNew);
        assertThatIllegalStateExceptionOpening(new TinkContentCipher(original), notes(jdbc).getFirst());
        assertThat(notes(jdbc)).extracting(sealed -> newKeyOnly.open(sealed, NOTE)).containsExactlyElementsOf(words);
        assertThat(jdbc.sql("SELECT secret FROM person ORDER BY code").query(String.class).list())
                .extracting(sealed -> newKeyOnly.open(sealed, PERSON)).containsExactly("U-a", "U-b");
        assertThat(job(jdbc, after, 2).run()).as("a second run finds nothing to do")
                .containsExactly(Map.entry("note.body", new Counts(0, 5, 0, 0, 0)), Map.entry("person.secret", new Counts(0, 2, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aValueWrittenMeanwhileIsNotOverwritten(String database) {
        JdbcClient jdbc = database(database);
        ContentCipher before = new TinkContentCipher(original);
        jdbc.sql("INSERT INTO note (id, body) VALUES (1, :b)").param("b", before.seal("古い答え", NOTE)).update();
        jdbc.sql("INSERT INTO note (id, body) VALUES (2, :b)").param("b", before.seal("そのまま", NOTE)).update();
        ContentCipher after = new TinkContentCipher(rotated);
        String concurrent = after.seal("新しい答え", NOTE);
        // A turn writes row 1 after the job has read it and before its update.
        ContentCipher racing = new ContentCipher() {
            private boolean raced;

            @Override
            public String seal(String plaintext, String purpose) {
                if (!raced) {
                    raced = true;
                    jdbc.sql("UPDATE note SET body = :b WHERE id = 1").param("b", concurrent).update();
                }
                return after.seal(plaintext, purpose);
            }

            @Override
            public String open(String sealed, String purpose) {
                return after.open(sealed, purpose);
            }

            @Override
            public boolean sealedWithOldKey(String sealed) {
                return after.sealedWithOldKey(sealed);
            }
        };

        Map<String, Counts> report = job(jdbc, racing, 10).run();

        assertThat(report.get("note.body")).isEqualTo(new Counts(1, 0, 1, 0, 0));
        assertThat(report.get("note.body").nothingOldLeft()).as("the next run must look again").isFalse();
        assertThat(notes(jdbc).getFirst()).isEqualTo(concurrent);
        assertThat(after.open(notes(jdbc).get(1), NOTE)).isEqualTo("そのまま");
        assertThat(after.sealedWithOldKey(notes(jdbc).get(1))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void valuesThatCannotBeOpenedAreCountedAndLeftAsTheyAre(String database) {
        JdbcClient jdbc = database(database);
        ContentCipher before = new TinkContentCipher(original);
        String otherPurpose = before.seal("別の列の値", PERSON);
        List<String> bad = List.of("{\"plain\":\"json from before sealing\"}", otherPurpose, "t1:%%%not-base64",
                before.seal("正しい値", NOTE));
        for (int i = 0; i < bad.size(); i++) {
            jdbc.sql("INSERT INTO note (id, body) VALUES (:id, :b)").param("id", i + 1).param("b", bad.get(i)).update();
        }

        Map<String, Counts> report = job(jdbc, new TinkContentCipher(rotated), 3).run();

        assertThat(report.get("note.body")).isEqualTo(new Counts(1, 0, 0, 2, 1));
        assertThat(notes(jdbc).subList(0, 3)).containsExactlyElementsOf(bad.subList(0, 3));
        assertThat(new TinkContentCipher(onlyNew).open(notes(jdbc).get(3), NOTE)).isEqualTo("正しい値");
    }

    @Test
    void aColumnThatFailsIsReportedByItsAbsenceAndTheOthersStillRun() {
        JdbcClient jdbc = database("h2");
        jdbc.sql("INSERT INTO person (code, secret) VALUES ('a', :s)").param("s", new TinkContentCipher(original).seal("x", PERSON)).update();
        SealedColumn missing = new SealedColumn("no_such_table", "id", "body", "x");

        Map<String, Counts> report = new ReencryptionJob(List.of(missing, PEOPLE), new TinkContentCipher(rotated), jdbc,
                new ReencryptionSettings("-", false, 10)).run();

        assertThat(report).containsOnlyKeys("person.secret");
        assertThat(report.get("person.secret").resealed()).isOne();
    }

    @Test
    void runAtStartMovesTheDataInTheBackgroundOnlyWhenAskedTo() {
        JdbcClient jdbc = database("h2");
        jdbc.sql("INSERT INTO note (id, body) VALUES (1, :b)").param("b", new TinkContentCipher(original).seal("起動時に", NOTE)).update();
        ContentCipher after = new TinkContentCipher(rotated);

        new ReencryptionJob(List.of(NOTES), after, jdbc, new ReencryptionSettings("-", false, 10)).runAtStart();
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> after.sealedWithOldKey(notes(jdbc).getFirst()));
        new ReencryptionJob(List.of(NOTES), after, jdbc, new ReencryptionSettings("-", true, 10)).runAtStart();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !after.sealedWithOldKey(notes(jdbc).getFirst()));
        assertThat(new TinkContentCipher(onlyNew).open(notes(jdbc).getFirst(), NOTE)).isEqualTo("起動時に");
    }

    @Test
    void onlyPlainIdentifiersCanNameAColumn() {
        for (String name : new String[] {"note; DROP TABLE note", "Note", "", "1note", "note.body"}) {
            assertThatIllegalArgumentException().as(name).isThrownBy(() -> new SealedColumn(name, "id", "body", NOTE));
            assertThatIllegalArgumentException().as(name).isThrownBy(() -> new SealedColumn("note", name, "body", NOTE));
            assertThatIllegalArgumentException().as(name).isThrownBy(() -> new SealedColumn("note", "id", name, NOTE));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new SealedColumn("note", "id", "body", " "));
        assertThat(NOTES.name()).isEqualTo("note.body");
    }

    @Test
    void sealedWithOldKeyRefusesWhatIsNotSealed() {
        ContentCipher cipher = new TinkContentCipher(rotated);
        assertThatIllegalArgumentException().isThrownBy(() -> cipher.sealedWithOldKey("plain text"));
        assertThatIllegalArgumentException().isThrownBy(() -> cipher.sealedWithOldKey("t1:%%%"));
    }

    private ReencryptionJob job(JdbcClient jdbc, ContentCipher cipher, int batchSize) {
        return new ReencryptionJob(List.of(NOTES, PEOPLE), cipher, jdbc, new ReencryptionSettings("-", false, batchSize));
    }

    private static List<String> notes(JdbcClient jdbc) {
        return jdbc.sql("SELECT body FROM note WHERE body IS NOT NULL ORDER BY id").query(String.class).list();
    }

    private static void assertThatIllegalStateExceptionOpening(ContentCipher cipher, String sealed) {
        org.assertj.core.api.Assertions.assertThatIllegalStateException().as("the original key alone no longer opens it")
                .isThrownBy(() -> cipher.open(sealed, NOTE));
    }

    private static JdbcClient database(String kind) {
        DriverManagerDataSource source = kind.equals("h2")
                ? new DriverManagerDataSource("jdbc:h2:mem:reencryption-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : new DriverManagerDataSource(EmbeddedPostgresDatabase.newDatabaseUrl(), "postgres", "");
        JdbcClient jdbc = JdbcClient.create(source);
        jdbc.sql("CREATE TABLE note (id BIGINT PRIMARY KEY, body VARCHAR)").update();
        jdbc.sql("CREATE TABLE person (code VARCHAR(20) PRIMARY KEY, secret VARCHAR(400))").update();
        return jdbc;
    }
}
