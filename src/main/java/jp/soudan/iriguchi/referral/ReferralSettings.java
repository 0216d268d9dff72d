package jp.soudan.iriguchi.referral;

import java.time.Duration;
import java.time.LocalTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the warm referral ({@code iriguchi.referral.*}). Desks, routing and opening hours
 * are data the city edits, in their own file ({@code desksFile}).
 *
 * @param desksFile the desks, routing rules and opening hours (YAML); relative to the working directory
 * @param consoleUrl the console's address as staff reach it, for the link in notifications
 * @param followUp the question a few days after closing
 * @param notification mail and webhook notifications of desks
 * @param metricsInterval how long one reading of the ticket and notification counts is reused by the
 *        gauges at {@code /actuator/prometheus}, so that scrapes cost at most one pair of small
 *        queries per interval and instance
 */
@Validated
@ConfigurationProperties("iriguchi.referral")
record ReferralSettings(
        @DefaultValue("config/desks/desks.yaml") @NotBlank String desksFile,
        @DefaultValue("http://localhost:8080/desk") @NotBlank String consoleUrl,
        @DefaultValue @Valid FollowUp followUp,
        @DefaultValue @Valid Notification notification,
        @DefaultValue("10s") @NotNull Duration metricsInterval) {

    /**
     * @param pollInterval how often due follow-ups are looked for
     * @param after how long after closing the resident is asked whether they were helped
     * @param sendFrom earliest local time of day a follow-up is sent (no pushes at night)
     * @param sendUntil latest local time of day a follow-up is sent
     */
    record FollowUp(
            @DefaultValue("5m") @NotNull Duration pollInterval,
            @DefaultValue("3d") @NotNull Duration after,
            @DefaultValue("10:00") @NotNull LocalTime sendFrom,
            @DefaultValue("18:00") @NotNull LocalTime sendUntil) {
    }

    /**
     * @param pollInterval how often due notifications are looked for (new ones are sent at once after commit)
     * @param mailFrom the sender address of notification mails
     * @param initialBackoff wait before the first retry; doubled on each further retry
     * @param maxBackoff longest wait between two retries
     * @param giveUpAfter a notification still undelivered after this is marked FAILED (and logged)
     * @param claimFor how long one instance holds a notification it is sending before another may retry it
     * @param webhookTimeout longest wait for a webhook's answer
     * @param batchSize notifications sent per round
     */
    record Notification(
            @DefaultValue("5s") @NotNull Duration pollInterval,
            @DefaultValue("soudan-iriguchi@localhost") @NotBlank String mailFrom,
            @DefaultValue("5s") @NotNull Duration initialBackoff,
            @DefaultValue("10m") @NotNull Duration maxBackoff,
            @DefaultValue("3d") @NotNull Duration giveUpAfter,
            @DefaultValue("2m") @NotNull Duration claimFor,
            @DefaultValue("10s") @NotNull Duration webhookTimeout,
            @DefaultValue("50") @Min(1) int batchSize) {
    }
}
