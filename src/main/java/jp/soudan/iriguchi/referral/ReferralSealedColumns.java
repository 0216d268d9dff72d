package jp.soudan.iriguchi.referral;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.soudan.iriguchi.privacy.SealedColumn;

/**
 * The tickets' sealed columns (each sealed for its own purpose, see {@link TicketTexts}), for the
 * privacy feature's re-encryption after a key rotation.
 */
@Configuration(proxyBeanMethods = false)
class ReferralSealedColumns {

    @Bean
    SealedColumn sealedTicketResidentWords() {
        return content("resident_words", TicketTexts.WORDS);
    }

    @Bean
    SealedColumn sealedTicketPhone() {
        return content("phone", TicketTexts.PHONE);
    }

    @Bean
    SealedColumn sealedTicketTimesToAvoid() {
        return content("times_to_avoid", TicketTexts.TIMES_TO_AVOID);
    }

    @Bean
    SealedColumn sealedTicketYoungCarer() {
        return content("young_carer", TicketTexts.YOUNG_CARER);
    }

    @Bean
    SealedColumn sealedTicketFaqShown() {
        return content("faq_shown", TicketTexts.FAQ_SHOWN);
    }

    @Bean
    SealedColumn sealedTicketWordParts() {
        return content("resident_word_parts", TicketTexts.WORD_PARTS);
    }

    @Bean
    SealedColumn sealedTicketMessageBody() {
        return new SealedColumn("ticket_message", "id", "body", TicketTexts.MESSAGE);
    }

    private static SealedColumn content(String column, String purpose) {
        return new SealedColumn("ticket_content", "ticket_id", column, purpose);
    }
}
