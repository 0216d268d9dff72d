package jp.soudan.iriguchi.line;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.soudan.iriguchi.privacy.SealedColumn;

/** The LINE channel's sealed columns, for the privacy feature's re-encryption after a key rotation. */
@Configuration(proxyBeanMethods = false)
class LineSealedColumns {

    @Bean
    SealedColumn sealedInboundEventPayload() {
        return new SealedColumn("inbound_event", "id", "payload", InboundEvents.PAYLOAD);
    }

    @Bean
    SealedColumn sealedOutboundMessages() {
        return new SealedColumn("outbound_message", "id", "messages", OutboundMessages.PURPOSE);
    }

    @Bean
    SealedColumn sealedLineRecipientUserId() {
        return new SealedColumn("line_recipient", "subject", "sealed_user_id", LineRecipients.PURPOSE);
    }
}
