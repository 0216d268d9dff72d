package jp.soudan.iriguchi.faq;

import org.jspecify.annotations.Nullable;

/**
 * Records whether an FAQ answer helped the resident, so the city sees which entries to improve.
 */
public interface FaqFeedback {

    /**
     * @param entryId the id of the entry that was shown ({@link FaqEntry#id()})
     * @param helpful the resident's verdict
     * @param subject the pseudonymous subject id from the privacy module, or null when the resident
     *        asked anonymously; never a LINE userId, never anything the resident wrote
     */
    void record(String entryId, boolean helpful, @Nullable String subject);
}
