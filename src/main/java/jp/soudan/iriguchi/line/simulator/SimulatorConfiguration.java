package jp.soudan.iriguchi.line.simulator;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's beans, present only in simulator mode.
 *
 * <p>The page's files live under {@code templates/simulator}, not {@code static}, because Spring
 * Boot serves {@code static} unconditionally: with a real LINE channel the page must not exist.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("iriguchi.simulator.enabled")
// A token set later than the simulator's defaults (a test's dynamic properties) switches it off too.
@ConditionalOnProperty(name = "line.bot.channel-token", havingValue = SimulatorDefaults.SIMULATOR_CHANNEL_TOKEN)
@EnableConfigurationProperties(SimulatorSettings.class)
class SimulatorConfiguration implements WebMvcConfigurer {

    static final String PAGE_FILES = "classpath:/templates/simulator/";

    @Bean
    LineIds simulatorLineIds(Clock clock) {
        return new LineIds(clock, new SecureRandom());
    }

    @Bean
    ReplyTokens simulatorReplyTokens(SimulatorSettings settings, Clock clock, LineIds ids) {
        return new ReplyTokens(settings.replyTokenTtl(), clock, ids);
    }

    @Bean
    AcceptedRetryKeys simulatorRetryKeys() {
        return new AcceptedRetryKeys();
    }

    @Bean
    SimulatedChats simulatedChats(SimulatorSettings settings, Clock clock) {
        return new SimulatedChats(settings.historySize(), clock);
    }

    @Bean
    WebhookEvents simulatorWebhookEvents(JsonMapper json, Clock clock, LineIds ids) {
        return new WebhookEvents(json, clock, ids);
    }

    @Bean
    WebhookSender simulatorWebhookSender(@Value("${line.bot.channel-secret}") String channelSecret,
            SimulatorSettings settings, Environment environment) {
        return new WebhookSender(channelSecret, settings.callbackPath(),
                () -> environment.getRequiredProperty("local.server.port", Integer.class));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // no-store: a developer who edits the page sees the change on reload.
        registry.addResourceHandler("/simulator/assets/**")
                .addResourceLocations(PAGE_FILES)
                .setCacheControl(CacheControl.noStore());
    }
}
