/**
 * Spring Boot wiring and configuration shared by every feature; no feature depends on it.
 */
@NullMarked
package jp.soudan.iriguchi.app;

import org.jspecify.annotations.NullMarked;
