/**
 * The warm referral: tickets that tell a desk who needs what, how urgently, and how (and how not) to make contact.
 */
@NullMarked
package jp.soudan.iriguchi.referral;

import org.jspecify.annotations.NullMarked;
