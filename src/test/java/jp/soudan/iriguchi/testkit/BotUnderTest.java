package jp.soudan.iriguchi.testkit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The bot as the tests run it: talking to a {@link FakeLineApi} with a test channel, and polling
 * for work often enough that a test does not wait a second for it.
 */
public final class BotUnderTest {

    public static final String CHANNEL_TOKEN = "test-token";

    private BotUnderTest() {
    }

    /** For a {@code @DynamicPropertySource}: the LINE channel of a Spring Boot test. */
    public static void lineChannel(DynamicPropertyRegistry registry, FakeLineApi fake, String channelSecret) {
        registry.add("line.bot.api-end-point", fake::baseUrl);
        registry.add("line.bot.channel-token", () -> CHANNEL_TOKEN);
        registry.add("line.bot.channel-secret", () -> channelSecret);
        registry.add("iriguchi.line.worker.poll-interval", () -> "200ms");
    }

    /**
     * Starts a bot of its own (for restarts and several instances), on a random port. Properties go
     * in as command-line arguments, which outrank {@code application.yaml}.
     */
    public static ConfigurableApplicationContext start(Class<?>[] sources, FakeLineApi fake, String channelSecret,
                                                       String datasourceUrl, String... moreProperties) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + datasourceUrl,
                "--line.bot.api-end-point=" + fake.baseUrl(),
                "--line.bot.channel-token=" + CHANNEL_TOKEN,
                "--line.bot.channel-secret=" + channelSecret,
                "--iriguchi.line.worker.poll-interval=200ms"));
        for (String property : moreProperties) {
            arguments.add("--" + property);
        }
        return new SpringApplicationBuilder(sources).run(arguments.toArray(String[]::new));
    }

    /** The port a bot started with {@link #start} listens on. */
    public static int port(ConfigurableApplicationContext bot) {
        return Integer.parseInt(bot.getEnvironment().getProperty("local.server.port", "0"));
    }
}
