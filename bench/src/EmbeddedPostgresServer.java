import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the webhook benchmark ({@code --db postgres}), from the same zonky binaries
 * the tests use: no Docker engine exists on our machines and no PostgreSQL is installed.
 *
 * <p>Usage: {@code java -cp <test classpath> bench/src/EmbeddedPostgresServer.java <url-file> [durable|fast] [statements]}.
 * Writes the JDBC URL of a fresh database {@code bench}, a line on its settings and the postmaster's
 * process id (so that the benchmark can count PostgreSQL's CPU) to the file once the server accepts
 * connections, then runs until it gets SIGTERM (the shutdown hook stops PostgreSQL and removes its
 * data directory).
 *
 * <p>zonky starts PostgreSQL with {@code fsync=off}, so a commit costs less than on a production
 * server. {@code durable} (the default) turns {@code fsync} and {@code synchronous_commit} on, so a
 * commit waits for the disk as it would in production; {@code fast} keeps zonky's settings.
 */
public class EmbeddedPostgresServer {

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || (args.length > 1 && !args[1].matches("durable|fast"))
                || (args.length > 2 && !args[2].equals("statements"))) {
            System.err.println("usage: EmbeddedPostgresServer <url-file> [durable|fast] [statements]");
            System.exit(2);
        }
        Path urlFile = Path.of(args[0]);
        boolean durable = args.length < 2 || args[1].equals("durable");
        boolean statements = args.length > 2;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "100");
        if (statements) {
            // What each statement costs the database: SELECT * FROM pg_stat_statements (bench/README.md).
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        EmbeddedPostgres server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // the JVM is ending anyway
            }
        }));
        String settings;
        long postmaster;
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE bench");
            if (statements) {
                statement.execute("CREATE EXTENSION pg_stat_statements");
            }
            try (ResultSet rs = statement.executeQuery("SELECT current_setting('server_version'),"
                    + " current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
                rs.next();
                settings = "PostgreSQL " + rs.getString(1) + ", fsync=" + rs.getString(2)
                        + ", synchronous_commit=" + rs.getString(3) + ", shared_buffers=" + rs.getString(4);
            }
            try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                postmaster = parentOf(rs.getLong(1)); // every PostgreSQL process is a child of the postmaster
            }
        }
        System.out.println("PostgreSQL ready: " + settings);
        Path partial = urlFile.resolveSibling(urlFile.getFileName() + ".partial");
        Files.writeString(partial, server.getJdbcUrl("postgres", "bench") + "\n" + settings + "\n" + postmaster + "\n");
        Files.move(partial, urlFile, StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }

    /** The parent process id from /proc (Linux), or 0. */
    private static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (Exception notLinux) {
            return 0;
        }
    }
}
