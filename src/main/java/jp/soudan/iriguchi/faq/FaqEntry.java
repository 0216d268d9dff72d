package jp.soudan.iriguchi.faq;

import java.time.LocalDate;
import java.util.List;

/**
 * One question of the FAQ of local programs, as written in {@code faq/*.yaml} (format in
 * {@code faq/README.md}).
 *
 * @param id unique id across all files ({@code [a-z0-9-]+})
 * @param question the question as a resident would ask it
 * @param answer a short, plain answer (at most 400 characters)
 * @param topics slugs from {@code topics.yaml}, at least one
 * @param desk the desk that answers
 * @param contact how to reach the desk
 * @param forWhom who the program is for
 * @param keywords extra words residents might use; may be empty
 * @param reviewed when the entry was last checked
 * @param sample true for the sample content of the fictional みどり市, to be replaced by the city
 */
public record FaqEntry(
        String id,
        String question,
        String answer,
        List<String> topics,
        String desk,
        FaqContact contact,
        String forWhom,
        List<String> keywords,
        LocalDate reviewed,
        boolean sample) {

    public FaqEntry {
        topics = List.copyOf(topics);
        keywords = List.copyOf(keywords);
    }
}
