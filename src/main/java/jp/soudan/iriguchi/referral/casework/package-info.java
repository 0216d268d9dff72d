/**
 * What the staff console (and the JSON API) may do with tickets: the queue, a ticket, and the
 * steps of casework. Every call names the desks the caller works for; a ticket outside them is
 * reported as not found, so that guessing a case number reveals nothing.
 */
@NullMarked
@NamedInterface("casework")
package jp.soudan.iriguchi.referral.casework;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
