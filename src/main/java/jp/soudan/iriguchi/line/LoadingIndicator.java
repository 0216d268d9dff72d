package jp.soudan.iriguchi.line;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.ShowLoadingAnimationRequest;

/**
 * Shows LINE's loading animation while the bot works on a resident's message, once the work has
 * taken longer than {@code loading-delay}. Purely cosmetic: never waited for, and a failure only
 * costs the animation.
 */
@Component
class LoadingIndicator implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LoadingIndicator.class);

    private final MessagingApiClient lineApi;
    private final LineSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("loading-indicator").daemon().factory());

    LoadingIndicator(MessagingApiClient lineApi, LineSettings settings) {
        this.lineApi = lineApi;
        this.settings = settings;
    }

    /** Starts the animation once the work has taken longer than the delay, unless stopped before. */
    Shown whileWorking(String userId) {
        long delay = settings.worker().loadingDelay().toMillis();
        if (delay <= 0) {
            show(userId);
            return () -> { };
        }
        ScheduledFuture<?> pending = timer.schedule(() -> show(userId), delay, TimeUnit.MILLISECONDS);
        return () -> pending.cancel(false);
    }

    private void show(String userId) {
        int seconds = Math.min(60, Math.max(5, settings.worker().loadingSeconds() / 5 * 5));
        lineApi.showLoadingAnimation(new ShowLoadingAnimationRequest(userId, seconds))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        log.debug("Loading animation not shown: {}", failure.getClass().getSimpleName());
                    }
                });
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** Ends the wait for the animation: the answer is out. */
    @FunctionalInterface
    interface Shown {
        void done();
    }
}
