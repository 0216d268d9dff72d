package jp.soudan.iriguchi.privacy;

import java.time.Instant;

/**
 * One kind of personal data a feature keeps, reachable by the retention policy and by a
 * resident's "データを消して". Each feature registers a bean per kind; the privacy feature decides
 * when, the owning feature knows how.
 */
public interface PersonalData {

    /** The kind's name in the retention settings and reports, e.g. {@code line.inbound-events}. */
    String kind();

    /**
     * Deletes or anonymises what is older than the cutoff and no longer needed.
     *
     * @return how many records were removed or anonymised (reported as a count only)
     */
    int purgeOlderThan(Instant cutoff);

    /** Removes (or, where a desk must keep a record, unlinks and empties) everything about one subject. */
    ErasedData eraseSubject(String subject);
}
