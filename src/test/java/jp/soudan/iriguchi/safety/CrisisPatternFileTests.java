package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        return CONTENTS.examples().stream();
    }

    private static final CrisisPatternFile.Contents CONTENTS = CrisisPatternFile.read(PATTERNS);

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesOfThePatternFile")
    void everyExampleOfThePatternFileHolds(Example example) {
        assertThat(CrisisPatternFile.problemWith(example, CONTENTS.patterns().evaluate(example.text()))).isNull();
    }

    @Test
    void everyPatternOfThePatternFileHasExamplesAndNonExamples() {
        for (CrisisPatterns.Rule rule : CONTENTS.patterns().rules()) {
            assertThat(CONTENTS.examples()).as(rule.id())
                    .anyMatch(e -> e.ruleId().equals(rule.id()) && e.shouldMatch())
                    .anyMatch(e -> e.ruleId().equals(rule.id()) && !e.shouldMatch());
        }
    }

    private static final String VALID_RULE = """
            patterns:
              - id: wish-to-die
                kind: suicide-self-harm
                any_of: ["死に{たい}"]
                examples: [死にたい]
                non_examples: [死にたくない]
            """;
    private static final String WORDS = """
            words:
              たい: [たい, たく(なる|て)]
            """;

    @Test
    void aSmallValidFileCompilesAndMatchesByMeaning() {
        CrisisPatterns patterns = CrisisPatternFile.parseAndVerify(WORDS + VALID_RULE, "test.yaml").patterns();
        assertThat(patterns.evaluate("ｼﾆﾀｲ").kinds()).containsExactly(CrisisKind.SUICIDE_SELF_HARM);
        assertThat(patterns.evaluate("死にたくなる").kinds()).containsExactly(CrisisKind.SUICIDE_SELF_HARM);
        assertThat(patterns.evaluate("死にたくない").kinds()).isEmpty();
    }

    /** A broken file, the line its error must name, and a part of the message. */
    record Broken(String what, String yaml, int line, String message) {

        @Override
        public String toString() {
            return what;
        }
    }

    private static String rule(String body) {
        return "patterns:\n  - id: a\n" + body.indent(4);
    }

    static Stream<Broken> brokenFiles() {
        return Stream.of(
                new Broken("YAML syntax error", "patterns: [ {id: a, kind: x\n", 2, "not valid YAML"),
                new Broken("unknown kind", rule("""
                        kind: suicide
                        any_of: [x]
                        examples: [x]
                        non_examples: [y]"""), 3, "unknown kind 'suicide'; use one of: immediate-danger"),
                new Broken("missing examples", rule("""
                        kind: violence-dv
                        any_of: [殴られ]
                        non_examples: [y]"""), 2, "a pattern has no 'examples'"),
                new Broken("empty examples", rule("""
                        kind: violence-dv
                        any_of: [殴られ]
                        examples: []
                        non_examples: [y]"""), 5, "examples is an empty list"),
                new Broken("missing non_examples", rule("""
                        kind: violence-dv
                        any_of: [殴られ]
                        examples: [殴られた]"""), 2, "a pattern has no 'non_examples'"),
                new Broken("misspelt key", rule("""
                        kind: violence-dv
                        any_of: [殴られ]
                        exmples: [x]
                        examples: [殴られた]
                        non_examples: [y]"""), 5, "unknown key 'exmples'"),
                new Broken("example not matched", rule("""
                        kind: violence-dv
                        any_of: [殴られ]
                        examples: [蹴られた]
                        non_examples: [y]"""), 5, "pattern 'a' does not match its example 「蹴られた」"),
                new Broken("non_example matched", rule("""
                        kind: violence-dv
                        any_of: [殴られ]
                        examples: [殴られた]
                        non_examples: [殴られそう]"""), 6, "pattern 'a' matches its non_example 「殴られそう」"),
                new Broken("unbalanced parenthesis", rule("""
                        kind: violence-dv
                        any_of: ["殴られ(た|"]
                        examples: [殴られた]
                        non_examples: [y]"""), 4, "'(' without ')'"),
                new Broken("regular expression", rule("""
                        kind: violence-dv
                        any_of: [殴られ.*]
                        examples: [殴られた]
                        non_examples: [y]"""), 4, "no regular expressions"),
                new Broken("question mark for optional", rule("""
                        kind: violence-dv
                        any_of: ["殴られ?"]
                        examples: [殴られた]
                        non_examples: [y]"""), 4, "write an optional part as (part|)"),
                new Broken("undefined word", rule("""
                        kind: violence-dv
                        any_of: ["{だれ}に殴られ"]
                        examples: [殴られた]
                        non_examples: [y]"""), 4, "{だれ} is not defined under words:"),
                new Broken("words that refer to each other", """
                        words:
                          a: ["{b}"]
                          b: ["{a}"]
                        patterns:
                          - id: a
                            kind: violence-dv
                            any_of: ["{a}"]
                            examples: [x]
                            non_examples: [y]
                        """, 7, "refers to itself"),
                new Broken("within without all_of", rule("""
                        kind: violence-dv
                        any_of: [殴られ]
                        within: 5
                        examples: [殴られた]
                        non_examples: [y]"""), 5, "within only applies to all_of"),
                new Broken("no phrases", rule("""
                        kind: violence-dv
                        examples: [殴られた]
                        non_examples: [y]"""), 2, "needs exactly one of any_of or all_of"),
                new Broken("all_of without lists", rule("""
                        kind: violence-dv
                        all_of: [殴られ]
                        examples: [殴られた]
                        non_examples: [y]"""), 4, "each item of all_of must be a list"),
                new Broken("phrase of symbols only", rule("""
                        kind: violence-dv
                        any_of: ["！…・"]
                        examples: [殴られた]
                        non_examples: [y]"""), 4, "no letters left after normalisation"),
                new Broken("duplicate id", """
                        patterns:
                          - id: a
                            kind: violence-dv
                            any_of: [殴られ]
                            examples: [殴られた]
                            non_examples: [y]
                          - id: a
                            kind: violence-dv
                            any_of: [蹴られ]
                            examples: [蹴られた]
                            non_examples: [y]
                        """, 7, "id 'a' is used twice"),
                new Broken("id with spaces", """
                        patterns:
                          - id: Hit Me
                            kind: violence-dv
                            any_of: [殴られ]
                            examples: [殴られた]
                            non_examples: [y]
                        """, 2, "must be lower-case latin words"),
                new Broken("an exception that hides another pattern's example", """
                        patterns:
                          - id: idiom
                            kind: not-crisis
                            any_of: [死ぬほど]
                            examples: [死ぬほど眠い]
                            non_examples: [眠い]
                          - id: pain
                            kind: suicide-self-harm
                            any_of: [死ぬほどつらい]
                            examples: [死ぬほどつらい]
                            non_examples: [つらい]
                        """, 10, "(hidden by not-crisis idiom)"),
                new Broken("an exception whose example is still a crisis", """
                        patterns:
                          - id: idiom
                            kind: not-crisis
                            any_of: [死ぬほど]
                            examples: [死ぬほど眠いけど死にたい]
                            non_examples: [眠い]
                          - id: wish
                            kind: suicide-self-harm
                            any_of: [死にたい]
                            examples: [死にたい]
                            non_examples: [つらい]
                        """, 5, "but the text is still a crisis for wish"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileIsReportedWithItsLine(Broken broken) {
        assertThatThrownBy(() -> CrisisPatternFile.parseAndVerify(broken.yaml(), "broken.yaml"))
                .isInstanceOfSatisfying(SafetyFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("broken.yaml");
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(broken.line());
                    assertThat(e.getMessage()).startsWith("broken.yaml:" + broken.line() + ": ")
                            .contains(broken.message());
                });
    }

    @Test
    void aMissingFileIsReportedWithItsNameAndTheWorkingDirectory(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> CrisisPatternFile.load(missing))
                .isInstanceOf(SafetyFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("working directory");
    }

    @Test
    void anEmptyFileIsReported() {
        assertThatThrownBy(() -> CrisisPatternFile.parseAndVerify("# nothing\n", "empty.yaml"))
                .isInstanceOf(SafetyFileException.class)
                .hasMessage("empty.yaml: the file is empty");
    }

    @Test
    void aPhraseThatExpandsBeyondReasonIsRefused() {
        String explosive = "(a|b|c|d|e|f|g|h|i|j)".repeat(5);
        String yaml = "patterns:\n  - id: a\n    kind: violence-dv\n    any_of: ['" + explosive
                + "']\n    examples: [x]\n    non_examples: [y]\n";
        assertThatThrownBy(() -> CrisisPatternFile.parseAndVerify(yaml, "big.yaml"))
                .isInstanceOf(SafetyFileException.class)
                .hasMessageStartingWith("big.yaml:4: ")
                .hasMessageContaining("more than " + PhraseExpander.MAX_FORMS);
    }

    @Test
    void loadsThePatternFileWithItsExamplesChecked() {
        CrisisPatterns patterns = CrisisPatternFile.load(PATTERNS);
        assertThat(patterns.rules()).extracting(CrisisPatterns.Rule::kind)
                .contains(CrisisKind.values())
                .containsNull(); // the not-crisis exceptions
    }
}
