package jp.soudan.iriguchi.testdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests (zonky's embedded binaries: no Docker engine exists on our
 * machines), started once per test JVM and stopped with it. Each caller gets a fresh database.
 */
public final class EmbeddedPostgresDatabase {

    private static final AtomicInteger NEXT_DATABASE = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresDatabase() {
    }

    /** A JDBC URL of a new, empty database on the shared server. */
    public static synchronized String newDatabaseUrl() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is ending; the temp directory goes with it
                    }
                }));
            }
            String name = "iriguchi_test_" + NEXT_DATABASE.incrementAndGet();
            DataSource admin = server.getPostgresDatabase();
            try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return server.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database", e);
        }
    }
}
