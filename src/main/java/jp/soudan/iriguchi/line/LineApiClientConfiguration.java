package jp.soudan.iriguchi.line;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linecorp.bot.client.base.channel.ChannelTokenSupplier;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.spring.boot.core.properties.LineBotProperties;

/**
 * The SDK's Messaging API client, as its auto-configuration builds it (endpoint, timeouts, token
 * from {@code line.bot.*}), except for how many calls may be under way at once: OkHttp's default of
 * five per host would queue the worker's replies behind each other under load.
 */
@Configuration(proxyBeanMethods = false)
class LineApiClientConfiguration {

    @Bean
    MessagingApiClient messagingApiClient(ChannelTokenSupplier channelToken, LineBotProperties line, LineSettings settings) {
        return MessagingApiClient.builder(channelToken)
                .apiEndPoint(line.apiEndPoint())
                .connectTimeout(line.connectTimeout())
                .readTimeout(line.readTimeout())
                .writeTimeout(line.writeTimeout())
                .maxRequests(settings.maxConcurrentCalls())
                .maxRequestsPerHost(settings.maxConcurrentCalls())
                .build();
    }
}
