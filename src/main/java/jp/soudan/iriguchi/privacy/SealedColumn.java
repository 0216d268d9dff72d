package jp.soudan.iriguchi.privacy;

import java.util.regex.Pattern;

/**
 * A column whose values a feature seals with the {@link ContentCipher}, declared (as a bean) by the
 * feature that owns the table, so that the re-encryption job can move every value to the current
 * key after a rotation without knowing the feature's tables itself.
 *
 * @param table the table
 * @param keyColumn its primary key (one column, ordered: the job walks the table in key order)
 * @param column the sealed column; NULL values are skipped
 * @param purpose the purpose every value of the column was sealed for
 */
public record SealedColumn(String table, String keyColumn, String column, String purpose) {

    /** Names go into SQL text, so only plain identifiers are accepted. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SealedColumn {
        for (String name : new String[] {table, keyColumn, column}) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
            }
        }
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("A sealed column needs the purpose its values were sealed for");
        }
    }

    /** {@code table.column}, as reports name it. */
    public String name() {
        return table + "." + column;
    }
}
