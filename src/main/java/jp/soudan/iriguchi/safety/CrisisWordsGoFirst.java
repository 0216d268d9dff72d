package jp.soudan.iriguchi.safety;

import org.springframework.stereotype.Component;

import jp.soudan.iriguchi.line.UrgentWords;

/**
 * The crisis detector, asked by the LINE channel as a message comes in, so that a resident in
 * danger is not kept waiting behind a backlog. Counts nothing: the turn's own screening
 * ({@link CrisisScreen}) counts the detection and answers it.
 */
@Component
class CrisisWordsGoFirst implements UrgentWords {

    private final CrisisDetector detector;

    CrisisWordsGoFirst(CrisisDetector detector) {
        this.detector = detector;
    }

    @Override
    public boolean signalRisk(String text) {
        return detector.assess(text).isCrisis();
    }
}
