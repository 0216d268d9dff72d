package jp.soudan.iriguchi.line.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

@ExtendWith(OutputCaptureExtension.class)
class SimulatorDefaultsTests {

    /** Logs at once instead of deferring, so that the captured output shows the line. */
    private static final DeferredLogFactory IMMEDIATE_LOGS = destination -> destination.get();

    private final SimulatorDefaults defaults = new SimulatorDefaults(IMMEDIATE_LOGS);

    @Test
    void withoutTokenTheSimulatorStandsInForLine(CapturedOutput output) {
        StandardEnvironment environment = environment(Map.of("server.port", "9123"));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("line.bot.channel-token")).isEqualTo("simulator");
        assertThat(environment.getProperty("line.bot.channel-secret")).isEqualTo("0d5e5f0a1b2c3d4e5f60718293a4b5c6");
        assertThat(environment.getProperty("line.bot.api-end-point")).isEqualTo("http://localhost:9123/");
        assertThat(environment.getProperty("line.bot.blob-end-point")).as("content downloads are never made; the SDK default stays").isNull();
        assertThat(environment.getProperty("iriguchi.simulator.enabled", Boolean.class)).isTrue();
        assertThat(output).contains("the LINE simulator is on").contains("http://localhost:9123/simulator");
    }

    @Test
    void theEndPointFollowsTheDefaultPortWhenNoneIsSet() {
        StandardEnvironment environment = environment(Map.of());

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("line.bot.api-end-point")).isEqualTo("http://localhost:8080/");
    }

    @Test
    void theDefaultsHaveTheLowestPrecedence() {
        StandardEnvironment environment = environment(Map.of("line.bot.api-end-point", "http://elsewhere/"));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().stream().map(PropertySource::getName).toList())
                .last().isEqualTo(SimulatorDefaults.PROPERTY_SOURCE_NAME);
        assertThat(environment.getProperty("line.bot.api-end-point")).isEqualTo("http://elsewhere/");
    }

    @Test
    void aConfiguredSecretIsKept() {
        StandardEnvironment environment = environment(Map.of("line.bot.channel-secret", "my-own-secret"));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("line.bot.channel-secret")).isEqualTo("my-own-secret");
        assertThat(environment.getProperty("line.bot.channel-token")).isEqualTo("simulator");
    }

    @Test
    void aConfiguredTokenLeavesTheSimulatorOff(CapturedOutput output) {
        StandardEnvironment environment = environment(Map.of("line.bot.channel-token", "real-token"));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertOff(environment);
        assertThat(output).doesNotContain("simulator is on");
    }

    @Test
    void aTokenFromTheEnvironmentVariableLeavesTheSimulatorOff() {
        StandardEnvironment environment = environment(Map.of());
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("LINE_BOT_CHANNEL_TOKEN", "real-token")));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertOff(environment);
    }

    @Test
    void aBlankTokenIsReportedAndDoesNotTurnTheSimulatorOn(CapturedOutput output) {
        StandardEnvironment environment = environment(Map.of("line.bot.channel-token", " "));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertOff(environment);
        assertThat(output).contains("is set but blank");
    }

    @Test
    void anExplicitlyDisabledSimulatorStaysOff() {
        StandardEnvironment environment = environment(Map.of("iriguchi.simulator.enabled", "false"));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertOff(environment);
        assertThat(environment.containsProperty("line.bot.channel-token")).isFalse();
    }

    @Test
    void isRegisteredAsAnEnvironmentPostProcessor() {
        List<EnvironmentPostProcessor> processors = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(EnvironmentPostProcessor.class, ArgumentResolver.of(DeferredLogFactory.class, IMMEDIATE_LOGS));

        assertThat(processors).hasAtLeastOneElementOfType(SimulatorDefaults.class);
    }

    private static void assertOff(StandardEnvironment environment) {
        assertThat(environment.getPropertySources().contains(SimulatorDefaults.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("iriguchi.simulator.enabled", Boolean.class, false)).isFalse();
    }

    /** An environment with only these properties: the machine running the tests must not decide. */
    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
