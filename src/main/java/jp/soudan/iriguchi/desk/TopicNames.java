package jp.soudan.iriguchi.desk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Japanese names of topic slugs, from the project's {@code topics.yaml}; a slug stands for itself if unknown. */
@Component
class TopicNames {

    private static final Logger log = LoggerFactory.getLogger(TopicNames.class);

    private final Map<String, String> names;

    TopicNames(DeskSettings settings) {
        this.names = read(Path.of(settings.topicsFile()));
    }

    String name(String slug) {
        return names.getOrDefault(slug, slug);
    }

    /** Slug → name, in file order, for the queue's topic filter. */
    Map<String, String> all() {
        return names;
    }

    private static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            log.info("No topics file at {}: the console shows topic slugs", file.toAbsolutePath());
            return Map.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, String> names = new LinkedHashMap<>();
            if (root instanceof Map<?, ?> map && map.get("topics") instanceof List<?> topics) {
                for (Object topic : topics) {
                    if (topic instanceof Map<?, ?> entry && entry.get("slug") != null && entry.get("ja") != null) {
                        names.put(entry.get("slug").toString(), shortName(entry.get("ja").toString()));
                    }
                }
            }
            return java.util.Collections.unmodifiableMap(names);
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read the topics file {}: the console shows topic slugs ({})", file, e.toString());
            return Map.of();
        }
    }

    /** "ヤングケアラー（家族の世話をしている子ども・若者）" → "ヤングケアラー": the queue has little room. */
    private static String shortName(String name) {
        int paren = name.indexOf('（');
        return paren > 0 ? name.substring(0, paren) : name;
    }
}
