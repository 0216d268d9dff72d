package jp.soudan.iriguchi.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The retention periods in application.yaml are the ones the job applies: Spring Boot reads the
 * file as it does for the bot, and each kind of personal data (PRIVACY.md) finds its period under
 * its own name. A kind's name has dots in it, so its key must keep them ("[line.outbox]"): written
 * plainly, Boot took each dot as one more level and no period was bound at all, and the job kept
 * everything (found in session 3, from the job's warnings in a benchmark's log).
 */
class RetentionSettingsBindingTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RetentionSettings.class)
    static class SettingsOnly {
    }

    @Test
    void everyKindInApplicationYamlIsBoundUnderItsName() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SettingsOnly.class)
                .web(WebApplicationType.NONE).run()) {
            RetentionSettings settings = context.getBean(RetentionSettings.class);

            assertThat(settings.keep())
                    .containsEntry("line.inbound-events", Duration.ofHours(24))
                    .containsEntry("line.outbox", Duration.ofDays(7))
                    .containsEntry("line.recipients", Duration.ofDays(30))
                    .containsEntry("line.leases", Duration.ofDays(1))
                    .containsEntry("dialogue.conversations", Duration.ofDays(30))
                    .containsEntry("referral.tickets", Duration.ofDays(1825))
                    .hasSize(6);
        }
    }
}
