package jp.soudan.iriguchi.line;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A conversation that only echoes, so that the channel's tests do not depend on the dialogue.
 *
 * <p>The text {@link #FINISHED_ELSEWHERE} stands for a worker of another instance that took over the
 * resident's queue (our lease ran out) and finished this very event while our turn was running: the
 * handler marks its event done on a connection of its own, outside the turn's transaction.
 */
@TestConfiguration(proxyBeanMethods = false)
class EchoTurnHandler {

    static final String FINISHED_ELSEWHERE = "(another worker finishes this event meanwhile)";

    @Bean
    @Primary
    TurnHandler echoUnlessFinishedElsewhere(DataSource dataSource) {
        TurnHandler echo = echo();
        return turn -> {
            if (turn.what() instanceof Inbound.Text text && text.text().equals(FINISHED_ELSEWHERE)) {
                finishElsewhere(dataSource, turn.eventId());
            }
            return echo.handle(turn);
        };
    }

    /** The echo alone, for tests that wrap it in a handler of their own. */
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

    private static void finishElsewhere(DataSource dataSource, String webhookEventId) {
        try (Connection other = dataSource.getConnection();
             PreparedStatement done = other.prepareStatement(
                     "UPDATE inbound_event SET status = 'DONE' WHERE webhook_event_id = ? AND status = 'PENDING'")) {
            other.setAutoCommit(true);
            done.setString(1, webhookEventId);
            if (done.executeUpdate() != 1) {
                throw new IllegalStateException("The event was not pending");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
