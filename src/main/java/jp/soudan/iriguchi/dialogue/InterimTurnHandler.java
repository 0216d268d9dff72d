package jp.soudan.iriguchi.dialogue;

import java.util.List;

import org.springframework.stereotype.Component;

import jp.soudan.iriguchi.line.Inbound;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.Turn;
import jp.soudan.iriguchi.line.TurnHandler;

/**
 * The bot's answer until the intake dialogue (built from {@code dialogues/}) replaces it: a short
 * greeting and an echo of what was understood, so that the whole LINE path can be exercised.
 */
@Component
class InterimTurnHandler implements TurnHandler {

    private static final List<Reply.Choice> CHOICES = List.of(
            new Reply.Choice("相談したい", "interim:consult"),
            new Reply.Choice("どんな窓口？", "interim:about"));

    private static final Reply.Card ABOUT = new Reply.Card(
            "みどり市 相談の入口",
            "くらし・介護・子育て・お金・こころのことなど、どこに相談すればいいかわからないことを受け止める窓口です。名前を言わずに相談できます。",
            List.of("急ぎの危険があるときは 110 / 119 へ"),
            List.of(new Reply.Choice("くわしく", "interim:about", "くわしく知りたい")));

    @Override
    public List<Reply> handle(Turn turn) {
        return switch (turn.what()) {
            case Inbound.Followed followed -> List.of(
                    new Reply.Text("友だち追加ありがとうございます。みどり市の「相談の入口」です。困っていることを、あなたの言葉で送ってください。", CHOICES));
            case Inbound.Text text -> List.of(
                    new Reply.Text("こんにちは。「" + shorten(text.text()) + "」と受け取りました。", List.of()),
                    new Reply.Cards("相談の入口について", List.of(ABOUT), CHOICES));
            case Inbound.ChoiceTapped tapped -> List.of(
                    new Reply.Text(choiceAnswer(tapped.data()), CHOICES));
            case Inbound.Media media -> List.of(
                    new Reply.Text("送ってくれてありがとうございます。文字で送ってもらえると、お手伝いできます。", CHOICES));
            case Inbound.Unfollowed unfollowed -> List.of();
            case Inbound.Unsent unsent -> List.of();
        };
    }

    private static String choiceAnswer(String data) {
        return switch (data) {
            case "interim:consult" -> "ありがとうございます。困っていることを、ひとことでも大丈夫なので送ってください。";
            case "interim:about" -> "ここは、どこに相談すればいいかわからないことを受け止める市の窓口です。名前を言わずに相談できます。";
            default -> "選んでくれてありがとうございます。";
        };
    }

    private static String shorten(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 200) + "…";
    }
}
