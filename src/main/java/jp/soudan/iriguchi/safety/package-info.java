/**
 * Crisis detection on every text message, in every state, and the crisis reply with the hotlines that answer now.
 */
@NullMarked
package jp.soudan.iriguchi.safety;

import org.jspecify.annotations.NullMarked;
