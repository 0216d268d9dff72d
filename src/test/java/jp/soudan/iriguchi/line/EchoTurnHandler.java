package jp.soudan.iriguchi.line;

import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A conversation that only echoes, so that the channel's tests do not depend on the dialogue.
 */
@TestConfiguration(proxyBeanMethods = false)
class EchoTurnHandler {

    @Bean
    @Primary
    TurnHandler echo() {
        return turn -> switch (turn.what()) {
            case Inbound.Text text -> List.of(new Reply.Text("echo:" + text.text(),
                    List.of(new Reply.Choice("はい", "yes"), new Reply.Choice("いいえ", "no"))));
            case Inbound.ChoiceTapped tapped -> List.of(new Reply.Text("tapped:" + tapped.data()));
            case Inbound.Followed followed -> List.of(new Reply.Text("welcome"));
            case Inbound.Media media -> List.of(new Reply.Text("media:" + media.kind()));
            case Inbound.Unfollowed unfollowed -> List.of();
            case Inbound.Unsent unsent -> List.of();
        };
    }
}
