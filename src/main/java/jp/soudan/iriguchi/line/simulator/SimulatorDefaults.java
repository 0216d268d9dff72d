package jp.soudan.iriguchi.line.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches the simulator on when no LINE channel access token is configured, so that
 * {@code ./mvnw spring-boot:run} on a fresh clone starts a bot one can talk to instead of failing
 * on missing credentials.
 *
 * <p>The defaults go into the lowest-precedence property source: whatever a developer sets
 * (application.yaml, environment, command line) still wins. Without a token the bot could not
 * reach LINE anyway, which is why the absence of the token, not a profile, is the switch: a
 * deployment that forgot to name a profile cannot end up serving the simulator next to real LINE.
 *
 * <p>The Messaging API end-point is the server's root, not a sub-path: the LINE SDK's Retrofit
 * interfaces use absolute paths ({@code /v2/bot/message/reply}), which keep only the host and
 * port of the configured end-point.
 */
class SimulatorDefaults implements EnvironmentPostProcessor, Ordered {

    /**
     * Channel secret of the simulator, published in the README: it only signs webhooks that the
     * simulator itself sends to the local bot.
     */
    static final String DEVELOPMENT_CHANNEL_SECRET = "0d5e5f0a1b2c3d4e5f60718293a4b5c6";

    /** Channel access token the bot sends to the fake Messaging API, and the one it accepts. */
    static final String SIMULATOR_CHANNEL_TOKEN = "simulator";

    static final String PROPERTY_SOURCE_NAME = "iriguchiSimulatorDefaults";

    private static final String TOKEN = "line.bot.channel-token";
    private static final String SECRET = "line.bot.channel-secret";
    private static final String ENABLED = "iriguchi.simulator.enabled";
    private static final String LOCAL_END_POINT = "http://localhost:${server.port:8080}/";

    private final Log log;

    SimulatorDefaults(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(SimulatorDefaults.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String token = environment.getProperty(TOKEN);
        if (token != null) {
            if (token.isBlank()) {
                log.warn("line.bot.channel-token (LINE_BOT_CHANNEL_TOKEN) is set but blank: set a real token, "
                        + "or leave it unset to talk to the bot in the local simulator");
            }
            return;
        }
        if (!environment.getProperty(ENABLED, Boolean.class, true)) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(TOKEN, SIMULATOR_CHANNEL_TOKEN);
        if (!environment.containsProperty(SECRET)) {
            defaults.put(SECRET, DEVELOPMENT_CHANNEL_SECRET);
        }
        defaults.put("line.bot.api-end-point", LOCAL_END_POINT);
        defaults.put(ENABLED, "true");
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
        log.info("No LINE channel access token is set: the LINE simulator is on. Talk to the bot at http://localhost:"
                + environment.getProperty("server.port", "8080") + "/simulator");
    }

    /** After application.yaml and profile files are loaded, so that what they set is seen. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
