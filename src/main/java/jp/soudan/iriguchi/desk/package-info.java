/**
 * The staff console: queues per desk, ticket detail, replies to residents through the bot.
 */
@NullMarked
package jp.soudan.iriguchi.desk;

import org.jspecify.annotations.NullMarked;
