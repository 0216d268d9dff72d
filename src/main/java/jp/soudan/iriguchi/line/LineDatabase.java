package jp.soudan.iriguchi.line;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Which database the channel's tables live in. A few of the hot statements have a PostgreSQL form
 * that saves round trips (a data-modifying {@code WITH}, which H2 does not have).
 *
 * <p>Found out on first use, not at start-up: the bot starts while the database is still down, and
 * its webhook answers 503 until the database is back.
 */
@Component
class LineDatabase {

    private final DataSource dataSource;
    private volatile @Nullable Boolean postgres;

    LineDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)
                        .equals("PostgreSQL");
            } catch (MetaDataAccessException e) {
                throw new DataAccessResourceFailureException("Could not tell which database this is", e);
            }
            postgres = known;
        }
        return known;
    }
}
