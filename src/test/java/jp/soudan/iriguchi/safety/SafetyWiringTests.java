package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The feature as Spring builds it: its settings, the detector, the replies, and start-up errors. */
class SafetyWiringTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SafetyConfiguration.class, PatternCrisisDetector.class, CrisisReplies.class);

    @Test
    void startsWithTheCitysFilesByDefault() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(CrisisDetector.class).assess("死にたい").kinds())
                    .containsExactly(CrisisKind.SUICIDE_SELF_HARM);
            assertThat(started.getBean(CrisisReplies.class).replyTo(CrisisAssessment.of(CrisisKind.VIOLENCE_DV)).text())
                    .contains("0120-279-889");
        });
    }

    @Test
    void usesTheApplicationsClockWhenThereIsOne() {
        // 18:00 UTC is 03:00 in Tokyo: only lines open all night.
        Clock night = Clock.fixed(Instant.parse("2025-05-31T18:00:00Z"), ZoneOffset.UTC);
        context.withBean(Clock.class, () -> night).run(started -> assertThat(
                started.getBean(CrisisReplies.class).replyTo(CrisisAssessment.of(CrisisKind.SUICIDE_SELF_HARM)).linesOpenNow())
                .allMatch(line -> line.hours().equals("24時間")));
    }

    @Test
    void aBrokenPatternFileStopsStartUpNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("crisis-patterns.yaml"), """
                patterns:
                  - id: a
                    kind: suicide
                    any_of: [死にたい]
                    examples: [死にたい]
                    non_examples: [眠い]
                """);
        context.withPropertyValues("safety.patterns-file=" + broken).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .isInstanceOf(SafetyFileException.class)
                    .hasMessageStartingWith(broken + ":3: unknown kind 'suicide'");
        });
    }

    @Test
    void aMissingHotlinesFileStopsStartUpNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("hotlines.yaml");
        context.withPropertyValues("safety.hotlines-file=" + missing).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageStartingWith(missing + ": cannot read the file");
        });
    }
}
