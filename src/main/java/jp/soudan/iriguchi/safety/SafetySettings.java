package jp.soudan.iriguchi.safety;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the safety feature: where the city's files are. Relative paths are resolved
 * against the working directory, like every other file under {@code config/}.
 *
 * @param patternsFile the crisis patterns (phrases, idioms, examples); see config/safety/README.md
 * @param hotlinesFile the crisis reply: its wording and the lines it lists, with their hours
 */
@Validated
@ConfigurationProperties("safety")
record SafetySettings(
        @NotNull @DefaultValue("config/safety/crisis-patterns.yaml") Path patternsFile,
        @NotNull @DefaultValue("config/safety/hotlines.yaml") Path hotlinesFile) {
}
