/**
 * The intake conversation: dialogue files from {@code dialogues/} run on Spring Statemachine, one persisted conversation per resident.
 */
@NullMarked
package jp.soudan.iriguchi.dialogue;

import org.jspecify.annotations.NullMarked;
