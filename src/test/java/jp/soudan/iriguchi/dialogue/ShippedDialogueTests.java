package jp.soudan.iriguchi.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ShippedDialogueTests {

    @Test
    void theShippedFilesLoad() {
        DialogueBook book = DialogueFiles.load(Path.of("dialogues"), Path.of("topics.yaml"));
        assertThat(book.states()).containsKey("welcome");
    }
}
