package jp.soudan.iriguchi.dialogue;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dialogue ({@code dialogue.*}).
 *
 * @param directory the dialogue files ({@code *.yaml}), relative to the working directory unless
 *        absolute; all are loaded and validated at start-up
 * @param topicsFile the consultation topics the files' topic choices must come from
 * @param idleAfter after this long without a word, the next message offers to continue or start over
 * @param faqLimit most FAQ cards shown at once (LINE shows up to 12 side by side; three can be read)
 * @param deskPhone the desk's phone number, said when the desk cannot be reached through the bot
 *        (placeholder {@code {desk_phone}} in the files)
 */
@Validated
@ConfigurationProperties("dialogue")
record DialogueSettings(
        @DefaultValue("dialogues") @NotNull Path directory,
        @DefaultValue("topics.yaml") @NotNull Path topicsFile,
        @DefaultValue("24h") @NotNull Duration idleAfter,
        @DefaultValue("3") @Min(1) @Max(12) int faqLimit,
        @DefaultValue("0000-11-1100") @NotBlank String deskPhone) {
}
