package jp.soudan.iriguchi.dialogue;

import jp.soudan.iriguchi.line.ResidentId;

/**
 * A resident asked, and confirmed, that their data be deleted ("データを消して"). The dialogue has
 * already forgotten their answers; the privacy feature deletes the rest.
 *
 * @param resident whose data
 */
public record DataDeletionRequested(ResidentId resident) {
}
