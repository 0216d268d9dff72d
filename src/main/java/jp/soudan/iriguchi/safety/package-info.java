/**
 * Crisis detection on every text message, in every state, and the crisis reply with the hotlines that answer now.
 *
 * <p>API: {@link jp.soudan.iriguchi.safety.CrisisDetector#assess(String)} gives a
 * {@link jp.soudan.iriguchi.safety.CrisisAssessment} (kinds only, never the resident's words);
 * {@link jp.soudan.iriguchi.safety.CrisisReplies} turns it into a channel-neutral
 * {@link jp.soudan.iriguchi.safety.CrisisReply}; {@link jp.soudan.iriguchi.safety.SafetyEvalCommand}
 * measures the detector on a labelled set. What counts as danger, and which lines answer when,
 * is the city's to edit under {@code config/safety/} (see its README).
 */
@NullMarked
package jp.soudan.iriguchi.safety;

import org.jspecify.annotations.NullMarked;
