package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternCrisisDetectorTests {

    private final CrisisDetector detector = PatternCrisisDetector.fromFile(CrisisPatternFileTests.PATTERNS);

    @Test
    void blankOrSymbolOnlyTextSignalsNothing() {
        // tried: empty, spaces, full-width space, emoji and punctuation only
        for (String text : new String[] {"", "   ", "　", "😭😭😭", "！？…"}) {
            assertThat(detector.assess(text).isCrisis()).as("「%s」", text).isFalse();
        }
    }

    @Test
    void anAssessmentNeverCarriesTheResidentsWords() {
        CrisisAssessment assessment = detector.assess("夫に殴られて死にたい");

        assertThat(assessment.kinds()).containsExactly(CrisisKind.SUICIDE_SELF_HARM, CrisisKind.VIOLENCE_DV);
        assertThat(assessment.toString()).isEqualTo("CrisisAssessment[kinds=[SUICIDE_SELF_HARM, VIOLENCE_DV]]");
    }

    @Test
    void anExceptionHidesOnlyWhatItOverlaps() {
        assertThat(detector.assess("死ぬほど眠い").isCrisis()).isFalse();
        assertThat(detector.assess("死にたいくらい恥ずかしかった").isCrisis()).isFalse();
        assertThat(detector.assess("死にたいくらい恥ずかしかった。でも本当に死にたい").isCrisis()).isTrue();
        assertThat(detector.assess("自殺予防の講座で、自殺したくなった").isCrisis()).isTrue();
    }

    /** The decisions documented in config/safety/README.md. */
    @ParameterizedTest(name = "{0} → crisis: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            死にたいとは思わないけど、しんどい        | true
            死にたくない                              | false
            孤独死したくない                          | false
            死ぬほど眠い                              | false
            死ぬほどつらい                            | true
            死にたいくらい苦しい                      | true
            友だちが死にたいって言ってる              | true
            ニュースで自殺の話を見た                  | false
            虐待の通報はどこにすればいい              | true
            殴られたことはありません                  | false
            殴られたことはなかったけど昨日殴られた    | true
            テストの点がバレたら親に殺される          | false
            夫に殺される                              | true
            もう無理                                  | false
            """)
    void followsTheDocumentedDecisions(String text, boolean crisis) {
        assertThat(detector.assess(text).isCrisis()).isEqualTo(crisis);
    }

    @Test
    void assessmentsAreValuesInKindOrder() {
        CrisisAssessment assessment = new CrisisAssessment(EnumSet.of(CrisisKind.VIOLENCE_DV, CrisisKind.IMMEDIATE_DANGER));

        assertThat(assessment.kinds()).containsExactly(CrisisKind.IMMEDIATE_DANGER, CrisisKind.VIOLENCE_DV);
        assertThat(assessment).isEqualTo(CrisisAssessment.of(CrisisKind.IMMEDIATE_DANGER, CrisisKind.VIOLENCE_DV));
        assertThat(CrisisAssessment.none().isCrisis()).isFalse();
    }
}
