package jp.soudan.iriguchi.line.simulator;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the development simulator ({@code iriguchi.simulator.*}).
 *
 * @param enabled whether the simulator page and the fake Messaging API are served; set by
 *     {@link SimulatorDefaults} when no channel access token is configured, never needed by hand
 * @param callbackPath path of the bot's own LINE webhook on this server, where the simulator posts
 *     the signed webhook bodies
 * @param historySize how many chat entries per simulated resident are kept, so that reloading
 *     the page shows the recent conversation; older ones are dropped
 * @param replyTokenTtl how long a reply token stays usable; LINE accepts a reply only within
 *     about a minute, and a bot that replies later must learn here, not in production, to fall
 *     back to a push
 */
@ConfigurationProperties("iriguchi.simulator")
@Validated
record SimulatorSettings(
        boolean enabled,
        @DefaultValue("/callback") @NotNull @Pattern(regexp = "/\\S*") String callbackPath,
        @DefaultValue("100") @Min(1) @Max(1000) int historySize,
        @DefaultValue("1m") @NotNull Duration replyTokenTtl) {
}
