/**
 * FAQ of local programs: entries from {@code faq/}, validated and indexed with Lucene and Kuromoji; answers a resident's words with ranked entries, or says that nothing fits.
 */
@NullMarked
package jp.soudan.iriguchi.faq;

import org.jspecify.annotations.NullMarked;
