package jp.soudan.iriguchi.privacy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The re-encryption job, which moves every sealed value to the current content key after a key
 * rotation ({@code iriguchi.privacy.reencryption.*}; procedure in PRIVACY.md).
 *
 * @param cron when it runs (Spring cron; default every night at 03:43; {@code -} switches the
 *        schedule off)
 * @param runAtStart whether it also runs once in the background right after start-up: set it for
 *        the restart that brings in a new primary key, to move old data at once
 * @param batchSize rows read per query; each row is updated on its own, so a batch holds no locks
 */
@Validated
@ConfigurationProperties("iriguchi.privacy.reencryption")
record ReencryptionSettings(
        @DefaultValue("0 43 3 * * *") String cron,
        @DefaultValue("false") boolean runAtStart,
        @DefaultValue("200") @Min(1) @Max(10_000) int batchSize) {
}
