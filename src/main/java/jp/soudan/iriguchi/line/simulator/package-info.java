/**
 * The development simulator: a LINE-like chat page at {@code /simulator} that lets a newcomer talk
 * to the bot with no LINE account. It drives the real LINE path end to end: it signs webhook
 * bodies as LINE does and posts them to the bot's own webhook, and it stands in for the Messaging
 * API the bot replies to. It is switched on only when no channel access token is configured
 * ({@link jp.soudan.iriguchi.line.simulator.SimulatorDefaults}), so production never serves it.
 */
@NullMarked
package jp.soudan.iriguchi.line.simulator;

import org.jspecify.annotations.NullMarked;
