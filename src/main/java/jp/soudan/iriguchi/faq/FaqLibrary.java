package jp.soudan.iriguchi.faq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FAQ as currently served: the files of one directory, validated and indexed, replaced
 * as a whole when the files change.
 *
 * <p>Searches read the current {@link FaqIndex} through an atomic reference, so a reload never
 * blocks them and never shows them a half-built index. A change that does not validate leaves
 * the previous index serving; the problems (file and line) are logged once per broken state.
 */
final class FaqLibrary implements FaqSearch {

    private static final Logger log = LoggerFactory.getLogger(FaqLibrary.class);

    private final Path directory;
    private final Path topicsFile;
    private final FaqAnalysis analysis;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private volatile @Nullable String rejectedFingerprint;

    /**
     * Loads and indexes the files at once.
     *
     * @throws FaqFormatException listing every problem, so start-up stops with the file and line
     */
    FaqLibrary(Path directory, Path topicsFile, FaqAnalysis analysis) {
        this.directory = directory;
        this.topicsFile = topicsFile;
        this.analysis = analysis;
        if (Files.isDirectory(directory)) {
            current.set(load(fingerprint()));
            log.info("FAQ: {} entries from {} indexed", current.get().index().size(), directory);
        } else {
            // Not fatal, unlike a broken file: the bot still runs (every question gets nothing-fits,
            // so residents are offered the desk), and the directory is picked up once it appears.
            Map<String, Topic> topics = FaqFiles.readTopics(topicsFile);
            current.set(new Snapshot("", FaqIndex.build(analysis, List.of(), topics)));
            log.error("FAQ: the directory {} does not exist; the FAQ is empty until it does (setting faq.directory)",
                    directory.toAbsolutePath());
        }
    }

    @Override
    public FaqAnswer search(String residentWords, int limit) {
        return current.get().index().search(residentWords, limit);
    }

    FaqIndex index() {
        return current.get().index();
    }

    /**
     * Indexes the files again if they changed since the current index was built.
     *
     * @return true when a new index now serves
     */
    boolean reloadIfChanged() {
        String fingerprint;
        try {
            fingerprint = fingerprint();
        } catch (FaqFormatException | UncheckedIOException e) {
            return reject("?", e.getMessage());
        }
        if (fingerprint.equals(current.get().fingerprint()) || fingerprint.equals(rejectedFingerprint)) {
            return false;
        }
        try {
            Snapshot loaded = load(fingerprint);
            current.set(loaded);
            rejectedFingerprint = null;
            log.info("FAQ: reloaded, {} entries from {} indexed", loaded.index().size(), directory);
            return true;
        } catch (FaqFormatException e) {
            return reject(fingerprint, e.getMessage() + "\nThe previous FAQ index keeps serving until this is fixed.");
        }
    }

    private boolean reject(String fingerprint, @Nullable String problem) {
        if (!fingerprint.equals(rejectedFingerprint)) {
            rejectedFingerprint = fingerprint;
            log.error("FAQ: the changed files were not loaded. {}", problem);
        }
        return false;
    }

    private Snapshot load(String fingerprint) {
        Map<String, Topic> topics = FaqFiles.readTopics(topicsFile);
        List<FaqEntry> entries = FaqFiles.readEntries(directory, topics);
        return new Snapshot(fingerprint, FaqIndex.build(analysis, entries, topics));
    }

    /**
     * A digest of the names and contents of every file the FAQ is built from. Contents rather
     * than modification times: an editor may save twice within a timestamp's resolution, and the
     * files are small enough to read every few seconds.
     */
    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : concat(topicsFile, FaqFiles.faqFiles(directory))) {
                digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the FAQ files", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> concat(Path first, List<Path> rest) {
        var all = new ArrayList<Path>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private record Snapshot(String fingerprint, FaqIndex index) {
    }
}
