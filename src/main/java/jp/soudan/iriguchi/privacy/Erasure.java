package jp.soudan.iriguchi.privacy;

import java.util.List;

/**
 * A resident's "データを消して": everything about them is removed, except records a desk must keep,
 * which are unlinked from their LINE account and emptied of their words.
 */
public interface Erasure {

    /** Runs in the caller's transaction, so that the erasure and the answer to it commit together. */
    List<ErasedData> eraseEverythingAbout(String subject);
}
