package jp.soudan.iriguchi.faq;

import org.jspecify.annotations.Nullable;

/**
 * How a resident reaches the desk that answers an entry. At least one of phone, place or url is
 * set (checked when the FAQ files are loaded).
 *
 * @param phone a phone number as the resident dials it
 * @param hours when the desk answers, in words (e.g. {@code 平日 8:30〜17:15})
 * @param place where the desk is
 * @param url a page with more about the program
 */
public record FaqContact(@Nullable String phone, String hours, @Nullable String place, @Nullable String url) {
}
