package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import jp.soudan.iriguchi.safety.CrisisPatternFile.Example;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The city's pattern file: every example it lists holds, and every kind of mistake an editor
 * can make is reported with the file and the line.
 */
class CrisisPatternFileTests {

    static final Path PATTERNS = Path.of("config/safety/crisis-patterns.yaml");

    static Stream<Example> examplesOfThePatternFile() {
        return CrisisPatternFile.read(PATTERNS).examples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesOfThePatternFile")
    void everyExampleOfThePatternFileHolds(Example example) {
        CrisisPatterns patterns = CrisisPatternFile.read(PATTERNS).patterns();
        assertThat(CrisisPatternFile.problemWith(example, patterns.evaluate(example.text()))).isNull();
    }

    @Test
    void everyPatternOfThePatternFileHasExamplesAndNonExamples() {
        CrisisPatternFile.Contents contents = CrisisPatternFile.read(PATTERNS);
        for (CrisisPatterns.Rule rule : contents.patterns().rules()) {
            assertThat(contents.examples()).as(rule.id())
                    .anyMatch(e -> e.ruleId().equals(rule.id()) && e.shouldMatch())
                    .anyMatch(e -> e.ruleId().equals(rule.id()) && !e.shouldMatch());
        }
    }

    @Test
    void loadsThePatternFileWithItsExamplesChecked() {
        CrisisPatterns patterns = CrisisPatternFile.load(PATTERNS);
        assertThat(patterns.rules()).extracting(CrisisPatterns.Rule::kind)
                .contains(CrisisKind.values())
                .containsNull(); // the not-crisis exceptions
    }
}
