package jp.soudan.iriguchi.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * How long a commit waits on PostgreSQL. Every transaction waits until its write-ahead log is on
 * disk, as PostgreSQL does by default: the webhook's store (what LINE was told is safe), the desk's
 * work, accounts. Writes that are redone anyway after a database crash do not wait: statements
 * outside a transaction (the worker's leases and "sent" marks) and transactions run through the
 * {@code redoableTransactions} template (a resident's turn, which is worked again from its stored
 * event if its commit is lost).
 *
 * <p>Why: on a 2-core machine each commit waited about 1.4 ms for the disk, four times per event,
 * and the bot could not keep up with 500 events/s (bench/results.md, session 3). With
 * {@code synchronous_commit = off} a commit returns at once; PostgreSQL writes the log within a
 * fraction of a second, and a crash of the <em>database server</em> (not of the bot) can lose the
 * last such commits. The worker then answers those events again: a resident may get an answer twice
 * (README, "Duplicates"), but nothing acknowledged to LINE or done at the desk is lost.
 *
 * <p>Off with {@code iriguchi.database.redoable-writes-wait=true}; H2 is not affected.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseDurability {

    /** The name that marks a transaction as redoable; only this class and its template use it. */
    static final String REDOABLE = "redoable";
    static final String ASYNCHRONOUS = "SET synchronous_commit TO off";
    static final String SYNCHRONOUS_FOR_THIS_TRANSACTION = "SET LOCAL synchronous_commit TO on";

    /**
     * Lone statements of every connection of the pool commit without waiting, on PostgreSQL. Set
     * before the pool starts: a connection gets its settings once, when it is opened.
     */
    @Bean
    static BeanPostProcessor redoableWritesDoNotWait(Environment environment) {
        boolean wait = waitForRedoableWrites(environment);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (!wait && bean instanceof HikariDataSource pool && isPostgres(pool.getJdbcUrl())
                        && pool.getConnectionInitSql() == null) {
                    pool.setConnectionInitSql(ASYNCHRONOUS);
                }
                return bean;
            }
        };
    }

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, Environment environment,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = new DurableTransactionManager(dataSource, !waitForRedoableWrites(environment));
        customizers.ifAvailable(all -> all.customize(manager));
        return manager;
    }

    /** Every feature's transactions: durable. */
    @Bean
    @Primary
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    /** For work that is redone from stored input if its commit is lost; asked for by name only. */
    @Bean(defaultCandidate = false)
    TransactionTemplate redoableTransactions(PlatformTransactionManager transactionManager) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setName(REDOABLE);
        return template;
    }

    private static boolean waitForRedoableWrites(Environment environment) {
        return Binder.get(environment).bind("iriguchi.database.redoable-writes-wait", Boolean.class).orElse(false);
    }

    static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** Turns waiting for the disk back on for each transaction that is not redoable. */
    static final class DurableTransactionManager extends JdbcTransactionManager {

        private final boolean redoableWritesAsynchronous;
        private volatile Boolean postgres;

        DurableTransactionManager(DataSource dataSource, boolean redoableWritesAsynchronous) {
            super(dataSource);
            this.redoableWritesAsynchronous = redoableWritesAsynchronous;
        }

        @Override
        protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
                throws SQLException {
            super.prepareTransactionalConnection(connection, definition);
            if (redoableWritesAsynchronous && !definition.isReadOnly() && !REDOABLE.equals(definition.getName())
                    && isPostgres(connection)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(SYNCHRONOUS_FOR_THIS_TRANSACTION);
                }
            }
        }

        private boolean isPostgres(Connection connection) throws SQLException {
            Boolean known = postgres;
            if (known == null) {
                known = DatabaseDurability.isPostgres(connection.getMetaData().getURL());
                postgres = known;
            }
            return known;
        }
    }
}
