package jp.soudan.iriguchi.dialogue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.soudan.iriguchi.privacy.SealedColumn;

/** The conversation's sealed slots, for the privacy feature's re-encryption after a key rotation. */
@Configuration(proxyBeanMethods = false)
class DialogueSealedColumns {

    @Bean
    SealedColumn sealedConversationSlots() {
        return new SealedColumn("dialogue_conversation", "resident_key", "slots", ConversationStore.SLOTS_PURPOSE);
    }
}
