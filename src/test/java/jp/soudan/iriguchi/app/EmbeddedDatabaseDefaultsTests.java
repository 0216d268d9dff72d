package jp.soudan.iriguchi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded default's H2 URL (application.yaml) holds the settings README and
 * bench/results.md rely on, and H2 takes them: it writes commits to its file within a tenth of a
 * second (what a crash can lose), and the caches that keep the heap quiet under load are in force.
 */
class EmbeddedDatabaseDefaultsTests {

    private static final String DEFAULT_FILE = "./data/iriguchi";

    @TempDir
    Path data;

    @Test
    void theEmbeddedDefaultsWriteDelayAndCacheSettingsAreInForce() throws SQLException {
        String url = defaultUrl();
        assertThat(url).startsWith("jdbc:h2:file:" + DEFAULT_FILE + ";");

        Map<String, String> settings = settingsInForce(url.replace(DEFAULT_FILE, data.resolve("iriguchi").toString()));

        assertThat(settings).containsEntry("WRITE_DELAY", "100")
                .containsEntry("CACHE_SIZE", "4096")
                .containsEntry("QUERY_CACHE_SIZE", "64");
    }

    private static String defaultUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties properties = yaml.getObject();
        assertThat(properties).isNotNull();
        return properties.getProperty("spring.datasource.url");
    }

    private static Map<String, String> settingsInForce(String url) throws SQLException {
        Map<String, String> settings = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME IN ('WRITE_DELAY', 'CACHE_SIZE', 'QUERY_CACHE_SIZE')")) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        }
        return settings;
    }
}
