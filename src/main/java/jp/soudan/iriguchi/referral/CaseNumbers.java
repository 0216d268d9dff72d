package jp.soudan.iriguchi.referral;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Case numbers a resident can quote: {@code YYYY-NNNNNN}, counting from 1 each year.
 *
 * <p>One counter row per year in {@code case_number_counter}, raised with an UPDATE inside the
 * transaction that opens the ticket: the row lock makes concurrent openings (on any instance)
 * wait for each other, and a rolled-back ticket gives its number back. The year's row is created
 * in a transaction of its own, because a failed INSERT (another instance was first) would abort
 * the caller's transaction on PostgreSQL.
 */
@Component
class CaseNumbers {

    private final JdbcClient jdbc;
    private final TransactionTemplate separately;

    CaseNumbers(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next number of the year; call inside the transaction that stores the ticket. */
    String next(int year) {
        if (year < 2000 || year > 9999) {
            throw new IllegalArgumentException("a case year has four digits: " + year);
        }
        if (raise(year) == 0) {
            createYear(year);
            if (raise(year) == 0) {
                throw new IllegalStateException("the case number counter of " + year + " is missing");
            }
        }
        long number = jdbc.sql("SELECT last_number FROM case_number_counter WHERE case_year = :year")
                .param("year", year)
                .query(Long.class)
                .single();
        return format(year, number);
    }

    static String format(int year, long number) {
        return "%04d-%06d".formatted(year, number);
    }

    private int raise(int year) {
        return jdbc.sql("UPDATE case_number_counter SET last_number = last_number + 1 WHERE case_year = :year")
                .param("year", year)
                .update();
    }

    private void createYear(int year) {
        try {
            separately.executeWithoutResult(status -> jdbc
                    .sql("INSERT INTO case_number_counter (case_year, last_number) VALUES (:year, 0)")
                    .param("year", year)
                    .update());
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            // The row exists now, which is all we need.
        }
    }
}
