package jp.soudan.iriguchi.faq;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the FAQ module ({@code faq.*}).
 *
 * @param directory the directory of the FAQ files ({@code *.yaml}), relative to the working
 *        directory unless absolute
 * @param topicsFile the consultation topics every entry refers to
 * @param reloadInterval how often the files are checked for changes; a change is indexed and
 *        swapped in without a restart. {@code 0} turns reloading off
 * @param synonymsFile an optional file of the city's own synonyms (same syntax as the built-in
 *        {@code faq-analysis/synonyms.txt}), used in addition to the built-in ones
 */
@Validated
@ConfigurationProperties("faq")
record FaqSettings(
        @DefaultValue("faq") @NotNull Path directory,
        @DefaultValue("topics.yaml") @NotNull Path topicsFile,
        @DefaultValue("5s") @NotNull Duration reloadInterval,
        @Nullable Path synonymsFile) {
}
