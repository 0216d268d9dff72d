package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The detector on {@code config/safety/test-cases.yaml}: more than a hundred varied sentences
 * that are not the pattern file's own examples (children's words, hiragana only, spaced letters,
 * typos, idioms, third person, negations), to keep the patterns honest about meaning.
 */
class CrisisDetectorCasesTests {

    static final Path CASES = Path.of("config/safety/test-cases.yaml");
    private static final CrisisDetector DETECTOR = PatternCrisisDetector.fromFile(CrisisPatternFileTests.PATTERNS);

    /** One sentence and what it must be judged; {@code kind} null means "no crisis". */
    record Case(String text, @Nullable CrisisKind kind) {

        @Override
        public String toString() {
            return (kind == null ? "no crisis" : kind.fileName()) + ": 「" + text + "」";
        }
    }

    static List<Case> cases() {
        YamlFile file = YamlFile.named(CASES.toString());
        Map<String, Node> top = file.fields(file.parse(file.readText(CASES)), "test cases",
                Set.of("crisis", "not_crisis"), Set.of());
        List<Case> cases = new ArrayList<>();
        file.entries(top.get("crisis"), "crisis").forEach((kindName, sentences) -> {
            CrisisKind kind = CrisisKind.ofFileName(kindName)
                    .orElseThrow(() -> file.error(sentences, "unknown kind " + kindName));
            file.texts(sentences, kindName).forEach(text -> cases.add(new Case(text, kind)));
        });
        file.texts(top.get("not_crisis"), "not_crisis").forEach(text -> cases.add(new Case(text, null)));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheSentenceRight(Case testCase) {
        CrisisAssessment assessment = DETECTOR.assess(testCase.text());
        if (testCase.kind() == null) {
            assertThat(assessment.kinds()).as(testCase.toString()).isEmpty();
        } else {
            assertThat(assessment.kinds()).as(testCase.toString()).contains(testCase.kind());
        }
    }

    @Test
    void findsEveryCrisisAndRaisesNoFalseAlarm() {
        List<Case> cases = cases();
        long crises = cases.stream().filter(c -> c.kind() != null).count();
        List<Case> missed = cases.stream()
                .filter(c -> c.kind() != null && !DETECTOR.assess(c.text()).isCrisis()).toList();
        List<Case> falseAlarms = cases.stream()
                .filter(c -> c.kind() == null && DETECTOR.assess(c.text()).isCrisis()).toList();
        System.out.printf("test-cases.yaml: %d cases, %d crises, crisis_recall %.3f, false_alarms %d%n",
                cases.size(), crises, (crises - missed.size()) / (double) crises, falseAlarms.size());

        assertThat(cases.size()).isGreaterThanOrEqualTo(80);
        assertThat(missed).as("missed crises").isEmpty();
        assertThat(falseAlarms).as("false alarms").isEmpty();
    }
}
