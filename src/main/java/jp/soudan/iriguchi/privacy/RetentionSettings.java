package jp.soudan.iriguchi.privacy;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long each kind of personal data is kept ({@code iriguchi.privacy.retention.*}).
 *
 * @param keep per kind (see {@link PersonalData#kind()}), how long after its last use it is kept
 * @param cron when the retention job runs (Spring cron; default: every hour at minute 17)
 */
@Validated
@ConfigurationProperties("iriguchi.privacy.retention")
record RetentionSettings(
        @DefaultValue Map<String, Duration> keep,
        @DefaultValue("0 17 * * * *") String cron) {
}
