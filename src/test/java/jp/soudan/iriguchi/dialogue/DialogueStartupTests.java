package jp.soudan.iriguchi.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import jp.soudan.iriguchi.IriguchiApplication;

/** A mistake in a dialogue file stops the application at start-up, naming the file and the line. */
class DialogueStartupTests {

    @TempDir
    Path dialogues;

    @Test
    void aDanglingTransitionStopsStartUpWithItsFileAndLine() throws IOException {
        for (String file : new String[] {"commands.yaml", "intake.yaml", "young-carer.yaml"}) {
            String text = Files.readString(Path.of("dialogues", file));
            Files.writeString(dialogues.resolve(file), text.replace("        go: yc_check", "        go: yc_chek"));
        }
        int line = lineOf(Files.readString(dialogues.resolve("intake.yaml")), "      - when: age_band in");

        assertThatThrownBy(() -> new SpringApplicationBuilder(IriguchiApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:dialogue-startup;DB_CLOSE_DELAY=-1",
                "--line.bot.channel-token=test-token",
                "--line.bot.channel-secret=startup-test-secret",
                "--iriguchi.line.worker.enabled=false",
                "--faq.reload-interval=0",
                "--dialogue.directory=" + dialogues))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(DialogueFileException.class)
                        .hasMessageContaining(dialogues.resolve("intake.yaml") + ":" + line
                                + ": state age_route: goes to 'yc_chek', which is not a state (did you mean 'yc_check'?)"));
    }

    private static int lineOf(String text, String find) {
        return (int) text.substring(0, text.indexOf(find)).chars().filter(c -> c == '\n').count() + 1;
    }
}
