package jp.soudan.iriguchi.privacy;

/**
 * What an erasure did to one kind of data: counts, and what was kept and why, for the resident.
 *
 * @param kind the kind of data
 * @param removed records removed
 * @param kept records kept (unlinked from the resident, their words removed)
 * @param keptBecause why a desk keeps them, in words a resident understands; empty when none kept
 */
public record ErasedData(String kind, int removed, int kept, String keptBecause) {

    public static ErasedData removed(String kind, int removed) {
        return new ErasedData(kind, removed, 0, "");
    }
}
