package jp.soudan.iriguchi.line;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.ShowLoadingAnimationRequest;

/**
 * Shows LINE's loading animation while the bot works on a resident's message. Purely cosmetic:
 * it is never waited for, and a failure only costs the animation.
 */
@Component
class LoadingIndicator {

    private static final Logger log = LoggerFactory.getLogger(LoadingIndicator.class);

    private final MessagingApiClient lineApi;
    private final LineSettings settings;

    LoadingIndicator(MessagingApiClient lineApi, LineSettings settings) {
        this.lineApi = lineApi;
        this.settings = settings;
    }

    void show(String userId) {
        int seconds = Math.min(60, Math.max(5, settings.worker().loadingSeconds() / 5 * 5));
        lineApi.showLoadingAnimation(new ShowLoadingAnimationRequest(userId, seconds))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        log.debug("Loading animation not shown: {}", failure.getClass().getSimpleName());
                    }
                });
    }
}
