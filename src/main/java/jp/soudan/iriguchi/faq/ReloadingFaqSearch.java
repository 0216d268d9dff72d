package jp.soudan.iriguchi.faq;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The FAQ search of the running application: loads {@code faq.directory} at start-up (a bad
 * file stops start-up, naming file and line) and looks for changed files every
 * {@code faq.reload-interval}, so editing the FAQ takes effect without a restart.
 */
@Component
class ReloadingFaqSearch implements FaqSearch, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReloadingFaqSearch.class);

    private final FaqLibrary library;
    private final @Nullable ScheduledExecutorService reloader;

    ReloadingFaqSearch(FaqSettings settings) {
        this.library = new FaqLibrary(settings.directory(), settings.topicsFile(), analysis(settings));
        if (settings.reloadInterval().isPositive()) {
            this.reloader = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .name("faq-reload").daemon(true).factory());
            long interval = settings.reloadInterval().toMillis();
            reloader.scheduleWithFixedDelay(this::reload, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            this.reloader = null;
        }
    }

    @Override
    public FaqAnswer search(String residentWords, int limit) {
        return library.search(residentWords, limit);
    }

    @Override
    public void destroy() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    private void reload() {
        try {
            library.reloadIfChanged();
        } catch (RuntimeException e) {
            // keep the schedule alive: the next round may find the files readable again
            log.error("FAQ: reload failed; the previous index keeps serving", e);
        }
    }

    private static FaqAnalysis analysis(FaqSettings settings) {
        if (settings.synonymsFile() == null) {
            return FaqAnalysis.standard();
        }
        try (Reader citySynonyms = Files.newBufferedReader(settings.synonymsFile(), StandardCharsets.UTF_8)) {
            return FaqAnalysis.withExtraSynonyms(citySynonyms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read faq.synonyms-file " + settings.synonymsFile(), e);
        }
    }
}
