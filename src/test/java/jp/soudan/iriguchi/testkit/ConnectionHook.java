package jp.soudan.iriguchi.testkit;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Runs before every connection the bot takes from its data source: lets a test make the database
 * unreachable or slow, as in an outage or under strain.
 */
@FunctionalInterface
public interface ConnectionHook {

    /** Throw to refuse the connection; sleep to delay it. */
    void beforeConnection() throws SQLException;

    /** Wraps the application's data source so that every connection passes the hook first. */
    static BeanPostProcessor installedFrom(ObjectProvider<? extends ConnectionHook> hook) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
                    return new DelegatingDataSource(dataSource) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            hook.getObject().beforeConnection();
                            return super.getConnection();
                        }
                    };
                }
                return bean;
            }
        };
    }
}
