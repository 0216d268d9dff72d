package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaqFilesTests {

    static final Path FIXTURE = Path.of("src/test/resources/faq/corpus");
    static final Path TOPICS = Path.of("topics.yaml");

    private static Map<String, Topic> topics;

    @TempDir
    Path directory;

    @BeforeAll
    static void readTopics() {
        topics = FaqFiles.readTopics(TOPICS);
    }

    static final String VALID = """
            id: yc-001
            question: 家族の世話で学校に行けないときは、どこに相談できますか？
            answer: |-
              こども家庭センターで相談できます。
            topics: [young-carer]
            desk: こども家庭センター
            contact:
              phone: 0000-11-2345
              hours: 平日 8:30〜17:15
              place: みどり市役所 本庁舎2階
            for_whom: 家族の世話をしている子ども
            keywords: [ヤングケアラー, 通訳]
            reviewed: 2026-10-01
            sample: true
            """;

    @Test
    void readsTheTopicsOfTheProject() {
        assertThat(topics).containsKeys("young-carer", "housing", "where-to-start");
        assertThat(topics.get("housing").label()).isEqualTo("住まい");
        assertThat(topics.get("housing").about()).contains("住居確保給付金");
    }

    @Test
    void readsEveryFieldOfAnEntry() throws IOException {
        write("young-carer.yaml", VALID);

        List<FaqEntry> entries = FaqFiles.readEntries(directory, topics);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo("yc-001");
            assertThat(entry.question()).startsWith("家族の世話で");
            assertThat(entry.answer()).isEqualTo("こども家庭センターで相談できます。");
            assertThat(entry.topics()).containsExactly("young-carer");
            assertThat(entry.desk()).isEqualTo("こども家庭センター");
            assertThat(entry.contact()).isEqualTo(new FaqContact("0000-11-2345", "平日 8:30〜17:15", "みどり市役所 本庁舎2階", null));
            assertThat(entry.forWhom()).isEqualTo("家族の世話をしている子ども");
            assertThat(entry.keywords()).containsExactly("ヤングケアラー", "通訳");
            assertThat(entry.reviewed()).isEqualTo(LocalDate.of(2026, 10, 1));
            assertThat(entry.sample()).isTrue();
        });
    }

    @Test
    void readsSeveralDocumentsPerFileAndSeveralFilesInNameOrder() {
        List<FaqEntry> entries = FaqFiles.readEntries(FIXTURE, topics);

        assertThat(entries).hasSize(12);
        assertThat(entries.getFirst().id()).isEqualTo("dl-001"); // community.yaml comes first
        assertThat(entries).extracting(FaqEntry::id).doesNotHaveDuplicates();
    }

    @Test
    void optionalFieldsMayBeLeftOut() throws IOException {
        write("a.yaml", VALID.replace("keywords: [ヤングケアラー, 通訳]\n", "").replace("sample: true\n", "")
                .replace("  phone: 0000-11-2345\n", "").replace("  place: みどり市役所 本庁舎2階\n", "  url: https://example.jp/\n"));

        FaqEntry entry = FaqFiles.readEntries(directory, topics).getFirst();

        assertThat(entry.keywords()).isEmpty();
        assertThat(entry.sample()).isFalse();
        assertThat(entry.contact()).isEqualTo(new FaqContact(null, "平日 8:30〜17:15", null, "https://example.jp/"));
    }

    @Test
    void hiddenAndNonYamlFilesAreNotRead() throws IOException {
        write("a.yaml", VALID);
        write(".a.yaml", "not: [valid");
        write("README.md", "# notes");
        write("a.yaml.bak", "not: [valid");

        assertThat(FaqFiles.readEntries(directory, topics)).hasSize(1);
    }

    @Test
    void anEmptyDocumentAfterATrailingSeparatorIsIgnored() throws IOException {
        write("a.yaml", VALID + "---\n");

        assertThat(FaqFiles.readEntries(directory, topics)).hasSize(1);
    }

    @Test
    void unknownTopicIsNamedWithFileAndLine() throws IOException {
        write("a.yaml", VALID.replace("topics: [young-carer]", "topics: [young-carer, yuong-carer]"));

        assertProblem("a.yaml line 5: unknown topic 'yuong-carer'");
    }

    @Test
    void duplicateIdAcrossFilesNamesBothPlaces() throws IOException {
        write("a.yaml", VALID);
        write("b.yaml", "# same id again\n" + VALID);

        assertProblem("b.yaml line 2: duplicate id 'yc-001' (first used in " + directory.resolve("a.yaml") + " line 1)");
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"id", "question", "answer", "topics", "desk", "contact", "for_whom", "reviewed"})
    void eachRequiredFieldIsRequired(String field) throws IOException {
        String withoutField = VALID.lines()
                .filter(line -> !line.startsWith(field + ":"))
                .filter(line -> !(field.equals("answer") && line.startsWith("  こども家庭センターで")))
                .filter(line -> !(field.equals("contact") && line.startsWith("  ")))
                .reduce("", (text, line) -> text + line + "\n");
        write("a.yaml", withoutField);

        assertProblem("a.yaml line 1: missing field '" + field + "'");
    }

    @Test
    void contactNeedsHours() throws IOException {
        write("a.yaml", VALID.replace("  hours: 平日 8:30〜17:15\n", ""));

        assertProblem("a.yaml line 8: missing field 'hours'");
    }

    @Test
    void contactNeedsAPhonePlaceOrUrl() throws IOException {
        write("a.yaml", VALID.replace("  phone: 0000-11-2345\n", "").replace("  place: みどり市役所 本庁舎2階\n", ""));

        assertProblem("a.yaml line 8: contact needs at least one of phone, place or url");
    }

    @ParameterizedTest(name = "id: {0}")
    @ValueSource(strings = {"YC-001", "yc_001", "yc 001", "ヤング-1"})
    void badIdIsRejected(String id) throws IOException {
        write("a.yaml", VALID.replace("id: yc-001", "id: " + id));

        assertProblem("a.yaml line 1: bad id '" + id + "'");
    }

    @Test
    void answerOverFourHundredCharactersIsRejected() throws IOException {
        write("a.yaml", VALID.replace("こども家庭センターで相談できます。", "あ".repeat(401)));

        assertProblem("a.yaml line 3: answer has 401 characters; keep it to 400 at most");
    }

    @Test
    void answerOfExactlyFourHundredCharactersIsFine() throws IOException {
        write("a.yaml", VALID.replace("こども家庭センターで相談できます。", "あ".repeat(400)));

        assertThat(FaqFiles.readEntries(directory, topics)).hasSize(1);
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        write("a.yaml", VALID.replace("keywords: [ヤングケアラー, 通訳]", "keywords: [ヤングケアラー, 通訳"));

        assertProblem("a.yaml line 13: malformed YAML");
    }

    @Test
    void badTabIndentationIsMalformedYaml() throws IOException {
        write("a.yaml", VALID.replace("  hours:", "\thours:"));

        assertProblem("a.yaml line 9: malformed YAML");
    }

    @Test
    void unknownFieldIsNamed() throws IOException {
        write("a.yaml", VALID.replace("desk:", "dsek: x\ndesk:"));

        assertProblem("a.yaml line 6: unknown field 'dsek'");
    }

    @Test
    void repeatedFieldIsNamed() throws IOException {
        write("a.yaml", VALID + "desk: 別の窓口\n");

        assertProblem("a.yaml line 15: field 'desk' appears twice");
    }

    @ParameterizedTest(name = "reviewed: {0}")
    @ValueSource(strings = {"2026-13-01", "2026/10/01", "令和8年10月1日"})
    void reviewedMustBeAnIsoDate(String date) throws IOException {
        write("a.yaml", VALID.replace("reviewed: 2026-10-01", "reviewed: " + date));

        assertProblem("a.yaml line 13: reviewed must be a date like 2026-10-01");
    }

    @Test
    void topicsMustBeAList() throws IOException {
        write("a.yaml", VALID.replace("topics: [young-carer]", "topics: young-carer"));

        assertProblem("a.yaml line 5: field 'topics' must be a list");
    }

    @Test
    void anEntryMustBeAMapping() throws IOException {
        write("a.yaml", "- id: yc-001\n");

        assertProblem("a.yaml line 1: each entry must be a mapping");
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnce() throws IOException {
        write("a.yaml", VALID.replace("topics: [young-carer]", "topics: [nope]"));
        write("b.yaml", VALID.replace("id: yc-001", "id: Bad"));

        assertThatThrownBy(() -> FaqFiles.readEntries(directory, topics))
                .isInstanceOfSatisfying(FaqFormatException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("The FAQ files have 2 problems:");
    }

    @Test
    void aMissingDirectoryIsAProblemNotAnEmptyFaq() {
        assertThatThrownBy(() -> FaqFiles.readEntries(directory.resolve("nope"), topics))
                .isInstanceOf(FaqFormatException.class)
                .hasMessageContaining("the FAQ directory does not exist");
    }

    @Test
    void brokenTopicsFileNamesFileAndLine() throws IOException {
        Path file = write("topics.yaml", "topics:\n  - slug: a\n    ja: A\n  - slug: a\n    ja: B\n  - ja: C\n");

        assertThatThrownBy(() -> FaqFiles.readTopics(file))
                .isInstanceOf(FaqFormatException.class)
                .hasMessageContaining(file + " line 4: topic 'a' is listed twice")
                .hasMessageContaining(file + " line 6: missing field 'slug'");
    }

    private void assertProblem(String problem) {
        assertThatThrownBy(() -> FaqFiles.readEntries(directory, topics))
                .isInstanceOf(FaqFormatException.class)
                .hasMessageContaining(directory.resolve(problem.substring(0, problem.indexOf(' '))) + problem.substring(problem.indexOf(' ')));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
