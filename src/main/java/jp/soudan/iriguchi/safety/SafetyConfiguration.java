package jp.soudan.iriguchi.safety;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the safety settings; the detector and the replies are components of their own. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SafetySettings.class)
class SafetyConfiguration {
}
