package jp.soudan.iriguchi.line.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * With a real channel configured, nothing of the simulator may exist: no page, no fake Messaging
 * API, and the bot talks to LINE itself.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:simulator-disabled;DB_CLOSE_DELAY=-1",
        "line.bot.channel-token=a-real-channel-token",
        "line.bot.channel-secret=a-real-channel-secret"})
class SimulatorDisabledTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    Environment environment;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void noSimulatorBeansExist() {
        assertThat(context.getBeanNamesForType(SimulatorConfiguration.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SimulatorController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(FakeMessagingApiController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SimulatedChats.class)).isEmpty();
        assertThat(context.getBeanNamesForType(WebhookSender.class)).isEmpty();
    }

    @Test
    void noSimulatorPathIsServed() {
        assertThat(mappings.getHandlerMethods().keySet())
                .flatMap(info -> info.getPatternValues())
                .isNotEmpty()
                .noneMatch(path -> path.startsWith("/simulator") || path.startsWith("/v2/bot"));
    }

    @Test
    void theBotTalksToLineItself() {
        assertThat(environment.getProperty("iriguchi.simulator.enabled", Boolean.class, false)).isFalse();
        assertThat(environment.getProperty("line.bot.api-end-point")).isNull();
        assertThat(environment.getProperty("line.bot.channel-secret")).isEqualTo("a-real-channel-secret");
    }
}
