/**
 * Pseudonymous subjects, encryption at rest, retention and deletion.
 */
@NullMarked
package jp.soudan.iriguchi.privacy;

import org.jspecify.annotations.NullMarked;
