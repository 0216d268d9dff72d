package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.bot.jackson.ModelObjectMapper;
import com.linecorp.bot.messaging.model.Message;

import jp.soudan.iriguchi.testkit.Endpoint;
import jp.soudan.iriguchi.testkit.LineLimits;

class LineMessageRendererTests {

    private final LineMessageRenderer renderer = new LineMessageRenderer();
    private final ObjectMapper lineJson = ModelObjectMapper.createNewObjectMapper();

    @Test
    void aTextWithChoicesBecomesATextMessageWithPostbackQuickReplies() {
        JsonNode message = json(renderer.render(new Reply.Text("どちらですか",
                List.of(new Reply.Choice("じぶん", "about:self", "じぶんのこと")))));

        assertThat(message.path("type").asText()).isEqualTo("text");
        assertThat(message.path("text").asText()).isEqualTo("どちらですか");
        JsonNode action = message.path("quickReply").path("items").get(0).path("action");
        assertThat(action.path("type").asText()).isEqualTo("postback");
        assertThat(action.path("label").asText()).isEqualTo("じぶん");
        assertThat(action.path("data").asText()).isEqualTo("about:self");
        assertThat(action.path("displayText").asText()).isEqualTo("じぶんのこと");
    }

    @Test
    void aTextWithoutChoicesHasNoQuickReply() {
        assertThat(json(renderer.render(new Reply.Text("こんにちは"))).has("quickReply")).isFalse();
    }

    @Test
    void oneCardIsABubbleAndSeveralAreACarouselWithTheirButtons() {
        Reply.Card card = new Reply.Card("住居確保給付金", "家賃の支払いが難しいときの制度です。",
                List.of("自立相談支援機関", "電話 0000-11-1200"),
                List.of(new Reply.Choice("役に立った", "faq:ho-001:yes"), new Reply.Choice("ちがう", "faq:ho-001:no")));

        JsonNode single = json(renderer.render(new Reply.Cards("見つかった制度", List.of(card), List.of())));
        assertThat(single.path("type").asText()).isEqualTo("flex");
        assertThat(single.path("altText").asText()).isEqualTo("見つかった制度");
        assertThat(single.path("contents").path("type").asText()).isEqualTo("bubble");
        JsonNode buttons = single.path("contents").path("footer").path("contents");
        assertThat(buttons).hasSize(2);
        assertThat(buttons.get(0).path("action").path("data").asText()).isEqualTo("faq:ho-001:yes");
        assertThat(single.path("contents").path("body").path("contents").get(0).path("text").asText())
                .isEqualTo("住居確保給付金");

        JsonNode carousel = json(renderer.render(new Reply.Cards("見つかった制度", List.of(card, card, card), List.of())));
        assertThat(carousel.path("contents").path("type").asText()).isEqualTo("carousel");
        assertThat(carousel.path("contents").path("contents")).hasSize(3);
    }

    @Test
    void renderedRepliesStayWithinLinesDocumentedLimits() {
        List<Reply.Choice> thirteen = ReplyTests.choices(13);
        Reply.Card card = new Reply.Card("見出し", "本文", List.of("詳細"), ReplyTests.choices(4));
        List<Message> messages = renderer.render(List.of(
                new Reply.Text("あ".repeat(5000), thirteen),
                new Reply.Cards("代替テキスト", IntStream.range(0, 12).mapToObj(i -> card).toList(), thirteen)));

        ObjectNode reply = lineJson.createObjectNode().put("replyToken", "token");
        reply.set("messages", lineJson.valueToTree(messages));
        assertThat(LineLimits.check(Endpoint.REPLY, reply)).isEmpty();
    }

    @Test
    void aPushShowsOnlyTheNeutralPreviewOnTheLockScreen() {
        List<Message> pushed = renderer.renderForPush(List.of(
                new Reply.Text("DVの相談について、担当からご連絡です。", List.of(new Reply.Choice("返信する", "reply"))),
                new Reply.Cards("虐待の相談について", List.of(new Reply.Card("担当より", "本文", List.of(), List.of())), List.of())),
                "新しいメッセージがあります");

        assertThat(pushed).extracting(m -> json(m).path("type").asText()).containsExactly("flex", "flex");
        assertThat(pushed).extracting(m -> json(m).path("altText").asText()).containsOnly("新しいメッセージがあります");
        JsonNode text = json(pushed.getFirst());
        assertThat(text.path("contents").path("body").path("contents").get(0).path("text").asText())
                .isEqualTo("DVの相談について、担当からご連絡です。");
        assertThat(text.path("quickReply").path("items")).hasSize(1);
    }

    @Test
    void moreThanFiveMessagesAreSplitIntoCallsInOrder() {
        List<Message> seven = renderer.render(IntStream.rangeClosed(1, 7).mapToObj(i -> (Reply) new Reply.Text("m" + i)).toList());

        List<List<Message>> calls = LineMessageRenderer.inCalls(seven);

        assertThat(calls).extracting(List::size).containsExactly(5, 2);
        assertThat(calls.get(1).stream().map(m -> json(m).path("text").asText())).containsExactly("m6", "m7");
    }

    private JsonNode json(Message message) {
        return lineJson.valueToTree(message);
    }
}
