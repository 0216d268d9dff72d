package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.ShowLoadingAnimationRequest;

class LoadingIndicatorTests {

    private final MessagingApiClient lineApi = mock(MessagingApiClient.class);
    private final LoadingIndicator indicator = new LoadingIndicator(lineApi, settingsWithDelay(Duration.ofMillis(100)));

    @AfterEach
    void stop() {
        indicator.destroy();
    }

    @Test
    void aQuickAnswerNeedsNoAnimation() {
        when(lineApi.showLoadingAnimation(any())).thenReturn(CompletableFuture.completedFuture(null));

        indicator.whileWorking("U1").done();

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1)).until(() -> calls() == 0);
    }

    @Test
    void aSlowAnswerShowsTheAnimationOnceForTheResident() {
        when(lineApi.showLoadingAnimation(any())).thenReturn(CompletableFuture.completedFuture(null));

        LoadingIndicator.Shown shown = indicator.whileWorking("U1");

        await().atMost(Duration.ofSeconds(2)).until(() -> calls() == 1);
        shown.done();
        ShowLoadingAnimationRequest request = (ShowLoadingAnimationRequest) mockingDetails(lineApi).getInvocations()
                .iterator().next().getArguments()[0];
        assertThat(request.chatId()).isEqualTo("U1");
        assertThat(request.loadingSeconds()).isEqualTo(10);
    }

    @Test
    void aFailedAnimationCallIsHarmless() {
        when(lineApi.showLoadingAnimation(any())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("down")));

        new LoadingIndicator(lineApi, settingsWithDelay(Duration.ZERO)).whileWorking("U1").done();

        assertThat(calls()).isEqualTo(1);
    }

    private long calls() {
        return mockingDetails(lineApi).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("showLoadingAnimation")).count();
    }

    private static LineSettings settingsWithDelay(Duration delay) {
        return new LineSettings(1024 * 1024, Duration.ofSeconds(50), "新しいメッセージがあります", 200, 64,
                new LineSettings.Worker(true, 32, Duration.ofSeconds(1), Duration.ofSeconds(20), 3, 10, delay),
                new LineSettings.Outbox(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(23), Duration.ofSeconds(15)),
                new LineSettings.Health(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofSeconds(5)));
    }
}
