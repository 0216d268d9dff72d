package jp.soudan.iriguchi.faq;

/**
 * A consultation topic from {@code topics.yaml}; its Japanese label and "about" line are indexed
 * with every entry of the topic, so a resident's words that match the topic's vocabulary find its
 * entries even when the entry itself uses other words.
 *
 * @param slug the id entries use in {@code topics:}
 * @param label the Japanese name shown to residents
 * @param about words that describe what the topic covers; may be empty
 */
record Topic(String slug, String label, String about) {
}
