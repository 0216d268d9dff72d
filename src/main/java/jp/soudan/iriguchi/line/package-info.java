/**
 * LINE channel in and out: the signed webhook, the durable inbound queue and its per-resident worker, rendering of channel-neutral replies to LINE messages, the outbox of pushes, and the development simulator. The only module that knows LINE.
 */
@NullMarked
package jp.soudan.iriguchi.line;

import org.jspecify.annotations.NullMarked;
