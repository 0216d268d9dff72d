package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * LINE's limits are enforced where replies are made, so that a reply LINE would reject cannot be
 * queued. Inputs tried: blank and over-long texts, 14 quick replies, a 21-character label, 301
 * characters of data, five buttons on a card, no cards and 13 cards, a blank alt text.
 */
class ReplyTests {

    @Test
    void textsMustSaySomethingWithinLinesLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Text(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Text("あ".repeat(5001)));
        assertThat(new Reply.Text("あ".repeat(5000)).text()).hasSize(5000);
    }

    @Test
    void atMostThirteenChoicesWithShortLabelsAndData() {
        List<Reply.Choice> thirteen = choices(13);
        assertThat(new Reply.Text("どれですか", thirteen).choices()).hasSize(13);
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Text("どれですか", choices(14)))
                .withMessageContaining("13");
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Choice("あ".repeat(21), "x"));
        assertThat(new Reply.Choice("あ".repeat(20), "x").label()).hasSize(20);
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Choice("はい", "x".repeat(301)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Choice("はい", ""));
    }

    @Test
    void aChoiceEchoesItsLabelUnlessToldOtherwise() {
        assertThat(new Reply.Choice("はい", "yes").echo()).isEqualTo("はい");
        assertThat(new Reply.Choice("はい", "yes", "はい、お願いします").echo()).isEqualTo("はい、お願いします");
    }

    @Test
    void cardsComeInGroupsOfOneToTwelveWithAtMostFourButtons() {
        Reply.Card card = new Reply.Card("見出し", "本文", List.of(), List.of());
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Cards("代替", List.of(), List.of()));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Reply.Cards("代替", IntStream.range(0, 13).mapToObj(i -> card).toList(), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Cards(" ", List.of(card), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Card("見出し", "本文", List.of(), choices(5)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply.Card(" ", "本文", List.of(), List.of()));
    }

    static List<Reply.Choice> choices(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new Reply.Choice("選択" + i, "choice:" + i)).toList();
    }
}
