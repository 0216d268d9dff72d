package jp.soudan.iriguchi.safety;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The crisis detector of the application: the phrases and idioms of the city's pattern file
 * ({@code safety.patterns-file}), compiled once at start-up. A file that cannot be read, does not
 * parse, or whose examples fail stops start-up with the file and line.
 */
@Component
final class PatternCrisisDetector implements CrisisDetector {

    private final CrisisPatterns patterns;

    @Autowired
    PatternCrisisDetector(SafetySettings settings) {
        this(CrisisPatternFile.load(settings.patternsFile()));
    }

    PatternCrisisDetector(CrisisPatterns patterns) {
        this.patterns = patterns;
    }

    /** A detector for the given file, outside Spring (the eval command). */
    static PatternCrisisDetector fromFile(Path patternsFile) {
        return new PatternCrisisDetector(CrisisPatternFile.load(patternsFile));
    }

    @Override
    public CrisisAssessment assess(String text) {
        if (text == null || text.isBlank()) {
            return CrisisAssessment.none();
        }
        return new CrisisAssessment(patterns.evaluate(text).kinds());
    }
}
