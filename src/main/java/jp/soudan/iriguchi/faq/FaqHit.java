package jp.soudan.iriguchi.faq;

/**
 * One FAQ entry that fits a resident's words.
 *
 * @param entry the entry
 * @param score how well it fits, comparable only within one answer (higher is better)
 */
public record FaqHit(FaqEntry entry, float score) {
}
