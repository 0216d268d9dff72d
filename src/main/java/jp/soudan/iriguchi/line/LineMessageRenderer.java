package jp.soudan.iriguchi.line;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.linecorp.bot.messaging.model.FlexBox;
import com.linecorp.bot.messaging.model.FlexBubble;
import com.linecorp.bot.messaging.model.FlexButton;
import com.linecorp.bot.messaging.model.FlexCarousel;
import com.linecorp.bot.messaging.model.FlexComponent;
import com.linecorp.bot.messaging.model.FlexContainer;
import com.linecorp.bot.messaging.model.FlexMessage;
import com.linecorp.bot.messaging.model.FlexSeparator;
import com.linecorp.bot.messaging.model.FlexText;
import com.linecorp.bot.messaging.model.Message;
import com.linecorp.bot.messaging.model.PostbackAction;
import com.linecorp.bot.messaging.model.QuickReply;
import com.linecorp.bot.messaging.model.QuickReplyItem;
import com.linecorp.bot.messaging.model.TextMessage;

/**
 * The one place where the bot's channel-neutral replies become LINE messages.
 */
@Component
class LineMessageRenderer {

    /** LINE accepts at most five messages in one reply or push. */
    static final int MAX_MESSAGES_PER_CALL = 5;

    private static final String ACCENT = "#2E7D32";
    private static final String MUTED = "#666666";

    List<Message> render(List<Reply> replies) {
        return replies.stream().map(this::render).toList();
    }

    /** Splits rendered messages into groups that fit one API call each, keeping their order. */
    static List<List<Message>> inCalls(List<Message> messages) {
        List<List<Message>> calls = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += MAX_MESSAGES_PER_CALL) {
            calls.add(List.copyOf(messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES_PER_CALL))));
        }
        return calls;
    }

    /**
     * Renders messages pushed outside a conversation turn (a desk's answer, a follow-up). LINE shows
     * a push in the phone's notification and chat list before it is opened, where a family member may
     * see it: a text becomes a card whose preview (alt text) is the neutral wording, and a card's own
     * preview is replaced by it, so that nothing alarming appears on the lock screen.
     */
    List<Message> renderForPush(List<Reply> replies, String neutralPreview) {
        return replies.stream().map(reply -> switch (reply) {
            case Reply.Text text -> new FlexMessage.Builder(neutralPreview, textBubble(text.text()))
                    .quickReply(quickReply(text.choices()))
                    .build();
            case Reply.Cards cards -> render(new Reply.Cards(neutralPreview, cards.cards(), cards.choices()));
        }).toList();
    }

    private static FlexBubble textBubble(String text) {
        FlexComponent body = new FlexText.Builder().text(text).size("md").wrap(true).build();
        return new FlexBubble.Builder().body(new FlexBox.Builder(FlexBox.Layout.VERTICAL, List.of(body)).build()).build();
    }

    Message render(Reply reply) {
        return switch (reply) {
            case Reply.Text text -> new TextMessage.Builder(text.text())
                    .quickReply(quickReply(text.choices()))
                    .build();
            case Reply.Cards cards -> new FlexMessage.Builder(cards.altText(), container(cards.cards()))
                    .quickReply(quickReply(cards.choices()))
                    .build();
        };
    }

    private static FlexContainer container(List<Reply.Card> cards) {
        List<FlexBubble> bubbles = cards.stream().map(LineMessageRenderer::bubble).toList();
        return bubbles.size() == 1 ? bubbles.getFirst() : new FlexCarousel.Builder(bubbles).build();
    }

    private static FlexBubble bubble(Reply.Card card) {
        List<FlexComponent> body = new ArrayList<>();
        body.add(new FlexText.Builder().text(card.title()).weight(FlexText.Weight.BOLD).size("md")
                .color(ACCENT).wrap(true).build());
        if (card.body() != null && !card.body().isBlank()) {
            body.add(new FlexText.Builder().text(card.body()).size("sm").wrap(true).margin("md").build());
        }
        if (!card.details().isEmpty()) {
            body.add(new FlexSeparator.Builder().margin("md").build());
            for (String detail : card.details()) {
                body.add(new FlexText.Builder().text(detail).size("xs").color(MUTED).wrap(true).margin("sm").build());
            }
        }
        FlexBubble.Builder bubble = new FlexBubble.Builder()
                .body(new FlexBox.Builder(FlexBox.Layout.VERTICAL, body).build());
        if (!card.buttons().isEmpty()) {
            List<FlexComponent> buttons = card.buttons().stream()
                    .<FlexComponent>map(choice -> new FlexButton.Builder(postback(choice))
                            .style(FlexButton.Style.LINK).height(FlexButton.Height.SM).build())
                    .toList();
            bubble.footer(new FlexBox.Builder(FlexBox.Layout.VERTICAL, buttons).spacing("sm").build());
        }
        return bubble.build();
    }

    private static QuickReply quickReply(List<Reply.Choice> choices) {
        if (choices.isEmpty()) {
            return null;
        }
        List<QuickReplyItem> items = choices.stream()
                .map(choice -> new QuickReplyItem.Builder().action(postback(choice)).build())
                .toList();
        return new QuickReply.Builder().items(items).build();
    }

    private static PostbackAction postback(Reply.Choice choice) {
        return new PostbackAction.Builder()
                .label(choice.label())
                .data(choice.data())
                .displayText(choice.echo())
                .build();
    }
}
