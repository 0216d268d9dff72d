package jp.soudan.iriguchi.privacy;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link Erasure} over every feature's {@link PersonalData}. */
@Component
class SubjectErasure implements Erasure {

    private static final Logger log = LoggerFactory.getLogger(SubjectErasure.class);

    private final List<PersonalData> data;

    SubjectErasure(List<PersonalData> data) {
        this.data = data;
    }

    @Override
    @Transactional
    public List<ErasedData> eraseEverythingAbout(String subject) {
        List<ErasedData> report = data.stream().map(kind -> kind.eraseSubject(subject)).toList();
        log.info("Erased a resident's data on request: {}", report.stream()
                .map(part -> part.kind() + " removed=" + part.removed() + " kept=" + part.kept()).toList());
        return report;
    }
}
