package jp.soudan.iriguchi.app;

import java.time.Clock;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring shared by every feature: the clock (replaceable in tests) and scheduling.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConfigurationPropertiesScan("jp.soudan.iriguchi")
class AppConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
