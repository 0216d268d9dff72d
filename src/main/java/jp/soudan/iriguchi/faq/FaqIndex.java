package jp.soudan.iriguchi.faq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, searchable snapshot of the FAQ: built once from the entries, then shared by all
 * searching threads until a reload swaps in a new one.
 *
 * <p>Ranking is BM25 over several weighted views of each entry (question, keywords, topic
 * vocabulary, answer; readings; character bigrams). Whether anything fits is decided apart
 * from the rank, by how much of what the resident said an entry covers, see
 * {@link #rank(String, int)}.
 */
final class FaqIndex {

    static final String QUESTION = "question";
    static final String KEYWORDS = "keywords";
    static final String TOPICS = "topics";
    static final String ANSWER = "answer";
    static final String READING = "reading";
    static final String GRAMS = "grams";
    static final String KANA = "kana";
    private static final String ORDINAL = "ordinal";

    /** Field weights: the question says what an entry is about; the answer only mentions things. */
    private static final Map<String, Float> WORD_FIELDS = Map.of(
            QUESTION, 3.0f, KEYWORDS, 2.5f, TOPICS, 1.2f, ANSWER, 1.0f);
    private static final float READING_WEIGHT = 1.0f;
    private static final float GRAMS_WEIGHT = 0.3f;
    private static final float KANA_WEIGHT = 0.3f;
    /** A synonym counts less than the resident's own word: it is our guess at what they meant. */
    private static final float SYNONYM_WEIGHT = 0.6f;
    /** Residents' messages can be long; the first part says what they ask. */
    static final int MAX_QUERY_CHARS = 200;
    static final double MIN_COVERAGE = 0.5;
    /** Once something fits, weaker candidates are still shown if they cover this much. */
    static final double MIN_HIT_COVERAGE = 0.3;
    private static final double ANSWER_CREDIT = 0.5;
    private static final double MIN_SOUND_SHARE = 0.6;
    private static final double DOMAIN_WORD_WEIGHT = Double.parseDouble(System.getProperty("faq.dw", "2"));
    static double COVERAGE_BASE = Double.parseDouble(System.getProperty("faq.cb", "0.5"));
    private static final double FUNCTION_WORD_WEIGHT = 0.5;

    private final FaqAnalysis analysis;
    private final List<FaqEntry> entries;
    private final IndexSearcher searcher;
    private final List<EntryTerms> entryTerms;
    private final Map<String, Integer> wordDocumentFrequency;

    private FaqIndex(FaqAnalysis analysis, List<FaqEntry> entries, IndexSearcher searcher,
            List<EntryTerms> entryTerms) {
        this.analysis = analysis;
        this.entries = entries;
        this.searcher = searcher;
        this.entryTerms = entryTerms;
        var frequency = new HashMap<String, Integer>();
        for (EntryTerms terms : entryTerms) {
            var words = new HashSet<String>(terms.aboutWords());
            words.addAll(terms.answerWords());
            words.forEach(word -> frequency.merge(word, 1, Integer::sum));
        }
        this.wordDocumentFrequency = frequency;
    }

    /** Indexes the entries; topic labels and "about" lines come from {@code topics}. */
    static FaqIndex build(FaqAnalysis analysis, List<FaqEntry> entries, Map<String, Topic> topics) {
        var analyzers = new HashMap<String, Analyzer>();
        WORD_FIELDS.keySet().forEach(field -> analyzers.put(field, analysis.words()));
        analyzers.put(READING, analysis.readings());
        analyzers.put(GRAMS, analysis.grams());
        analyzers.put(KANA, analysis.kanaGrams());
        var config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(analysis.words(), analyzers))
                .setSimilarity(new BM25Similarity())
                .setRAMBufferSizeMB(64)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        var directory = new ByteBuffersDirectory();
        var entryTerms = new ArrayList<EntryTerms>(entries.size());
        try (var writer = new IndexWriter(directory, config)) {
            for (int ordinal = 0; ordinal < entries.size(); ordinal++) {
                FaqEntry entry = entries.get(ordinal);
                EntryText text = EntryText.of(entry, topics);
                var document = new Document();
                document.add(new NumericDocValuesField(ORDINAL, ordinal));
                document.add(new TextField(QUESTION, text.question(), Field.Store.NO));
                document.add(new TextField(KEYWORDS, text.keywords(), Field.Store.NO));
                document.add(new TextField(TOPICS, text.topics(), Field.Store.NO));
                document.add(new TextField(ANSWER, text.answer(), Field.Store.NO));
                document.add(new TextField(READING, text.all(), Field.Store.NO));
                document.add(new TextField(GRAMS, text.asked(), Field.Store.NO));
                document.add(new TextField(KANA, analysis.kanaOf(text.asked()), Field.Store.NO));
                writer.addDocument(document);
                entryTerms.add(new EntryTerms(
                        terms(analysis.words(), text.about()),
                        terms(analysis.readings(), text.about()),
                        terms(analysis.words(), text.answer()),
                        terms(analysis.readings(), text.answer()),
                        terms(analysis.grams(), text.about()),
                        terms(analysis.kanaGrams(), analysis.kanaOf(text.about()))));
            }
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the FAQ index", e);
        }
        try {
            var searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setSimilarity(new BM25Similarity());
            return new FaqIndex(analysis, List.copyOf(entries), searcher, List.copyOf(entryTerms));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the FAQ index", e);
        }
    }

    /**
     * The entries that fit the resident's words, or nothing-fits. An entry fits when it covers
     * at least {@link #MIN_COVERAGE} of the query's content words, one of them as a word rather
     * than as loose characters: sharing one common word ("ごみ" in 燃えるごみの日) with an entry
     * is not enough, and bigram overlap alone is noise.
     */
    FaqAnswer search(String residentWords, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        List<Candidate> candidates = rank(residentWords, Math.max(limit, 10)).candidates();
        if (candidates.stream().noneMatch(candidate -> candidate.coverage() >= MIN_COVERAGE)) {
            return FaqAnswer.nothing();
        }
        var hits = new ArrayList<FaqHit>();
        for (Candidate candidate : candidates) {
            if (candidate.coverage() >= MIN_HIT_COVERAGE && hits.size() < limit) {
                hits.add(new FaqHit(candidate.entry(), candidate.score()));
            }
        }
        return new FaqAnswer(hits, false);
    }

    int size() {
        return entries.size();
    }

    List<FaqEntry> entries() {
        return entries;
    }

    /**
     * Ranks all entries for the resident's words, with each candidate's coverage: the share of
     * the query's content words (weighted by how rare they are among entries, so that a word
     * every entry uses counts for little and a word no entry knows counts for much) that the
     * entry contains as a word, a reading or a synonym, or nearly whole as characters.
     */
    Ranking rank(String residentWords, int limit) {
        String text = residentWords.length() > MAX_QUERY_CHARS
                ? residentWords.substring(0, MAX_QUERY_CHARS) : residentWords;
        List<Concept> concepts = concepts(text);
        if (concepts.isEmpty()) {
            return new Ranking(List.of(), 0);
        }
        Set<String> sounds = isMostlyKana(text) ? terms(analysis.kanaGrams(), analysis.kanaOf(text)) : Set.of();
        try {
            ScoreDoc[] top = searcher.search(query(text), Math.max(limit * 3, 20)).scoreDocs;
            double totalWeight = concepts.stream().mapToDouble(Concept::weight).sum();
            var candidates = new ArrayList<Candidate>(top.length);
            for (ScoreDoc hit : top) {
                int ordinal = ordinal(hit.doc);
                EntryTerms terms = entryTerms.get(ordinal);
                double covered = 0;
                boolean wordMatched = false;
                for (Concept concept : concepts) {
                    double credit = concept.creditIn(terms);
                    if (credit > 0) {
                        wordMatched = true;
                    } else if (concept.nearlyIn(terms)) {
                        credit = 1.0;
                    }
                    covered += credit * concept.weight();
                }
                double coverage = wordMatched ? covered / totalWeight : 0;
                if (!sounds.isEmpty()) {
                    coverage = Math.max(coverage, soundCoverage(sounds, terms.aboutSounds()));
                }
                float score = (float) (hit.score * (COVERAGE_BASE + coverage));
                candidates.add(new Candidate(entries.get(ordinal), score, coverage));
            }
            candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
            return new Ranking(candidates.size() > limit ? candidates.subList(0, limit) : candidates,
                    concepts.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query query(String text) {
        var query = new BooleanQuery.Builder();
        Map<String, Float> words = new LinkedHashMap<>();
        forEachToken(analysis.wordsWithSynonyms(), text, (term, type, start, end, pos) -> {
            float weight = SynonymGraphFilter.TYPE_SYNONYM.equals(type) ? SYNONYM_WEIGHT : 1.0f;
            words.merge(term, weight, Math::max);
        });
        WORD_FIELDS.forEach((field, fieldWeight) -> words.forEach((term, weight) ->
                query.add(boosted(field, term, fieldWeight * weight), BooleanClause.Occur.SHOULD)));
        for (String reading : terms(analysis.readings(), text)) {
            query.add(boosted(READING, reading, READING_WEIGHT), BooleanClause.Occur.SHOULD);
        }
        for (String gram : terms(analysis.grams(), text)) {
            query.add(boosted(GRAMS, gram, GRAMS_WEIGHT), BooleanClause.Occur.SHOULD);
        }
        for (String gram : terms(analysis.kanaGrams(), analysis.kanaOf(text))) {
            query.add(boosted(KANA, gram, KANA_WEIGHT), BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    private static Query boosted(String field, String term, float weight) {
        return new BoostQuery(new TermQuery(new Term(field, term)), weight);
    }

    /** The query's content words, each with its alternatives (reading, synonyms, bigrams). */
    private List<Concept> concepts(String text) {
        var byStart = new LinkedHashMap<Integer, ConceptBuilder>();
        forEachToken(analysis.words(), text, (term, type, start, end, pos) ->
                byStart.putIfAbsent(start, new ConceptBuilder(term, start, end, isContentWord(pos),
                        pos != null && pos.startsWith("カスタム"))));
        if (byStart.isEmpty()) {
            return List.of();
        }
        forEachToken(analysis.readings(), text, (term, type, start, end, pos) -> {
            ConceptBuilder concept = byStart.get(start);
            if (concept != null) {
                concept.readings.add(term);
            }
        });
        forEachToken(analysis.wordsWithSynonyms(), text, (term, type, start, end, pos) -> {
            if (SynonymGraphFilter.TYPE_SYNONYM.equals(type)) {
                for (ConceptBuilder concept : byStart.values()) {
                    if (concept.start < end && start < concept.end) {
                        concept.words.add(term);
                    }
                }
            }
        });
        var concepts = new LinkedHashMap<String, Concept>();
        for (ConceptBuilder builder : byStart.values()) {
            Set<String> grams = terms(analysis.grams(), text.substring(builder.start, builder.end));
            double weight = idf(builder.term) * (builder.domainWord() ? DOMAIN_WORD_WEIGHT
                    : builder.contentWord ? 1.0 : FUNCTION_WORD_WEIGHT);
            concepts.putIfAbsent(builder.term, new Concept(Set.copyOf(builder.words),
                    Set.copyOf(builder.readings), grams, weight));
        }
        return List.copyOf(concepts.values());
    }

    /**
     * For a query written in kana only, Kuromoji's word boundaries are guesses, so the words may
     * not match even when the sound does: the share of the query's sound (reading bigrams) found
     * in what the entry is about, discounted so that a partial sound match does not outweigh words.
     */
    private static double soundCoverage(Set<String> querySounds, Set<String> entrySounds) {
        int found = 0;
        for (String sound : querySounds) {
            if (entrySounds.contains(sound)) {
                found++;
            }
        }
        double share = (double) found / querySounds.size();
        return share >= MIN_SOUND_SHARE ? share : 0;
    }

    static boolean isMostlyKana(String text) {
        int kana = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || !Character.isLetterOrDigit(c) && c != 'ー' && c != 'ｰ') {
                continue;
            }
            letters++;
            Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
            if (block == Character.UnicodeBlock.HIRAGANA || block == Character.UnicodeBlock.KATAKANA
                    || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && c >= '\uFF66' && c <= '\uFF9F') {
                kana++;
            }
        }
        return letters >= 4 && kana * 5 >= letters * 4;
    }

    private double idf(String word) {
        int documentFrequency = wordDocumentFrequency.getOrDefault(word, 0);
        return Math.log(1 + (entries.size() - documentFrequency + 0.5) / (documentFrequency + 0.5));
    }

    /**
     * Nouns, verbs and adjectives carry what a request is about. Dependent words (日 and 方 as
     * in 出し方, 〜てほしい, 〜てしまう), suffixes, pronouns, numbers and adverbs are grammar or
     * degree: they count for less, so an entry is not judged to fit, or not to fit, on them.
     */
    private static boolean isContentWord(@Nullable String partOfSpeech) {
        if (partOfSpeech == null || partOfSpeech.startsWith("カスタム")) {
            return true;
        }
        if (partOfSpeech.contains("非自立") || partOfSpeech.startsWith("名詞-接尾")
                || partOfSpeech.startsWith("名詞-代名詞") || partOfSpeech.startsWith("名詞-数")) {
            return false;
        }
        return partOfSpeech.startsWith("名詞") || partOfSpeech.startsWith("動詞")
                || partOfSpeech.startsWith("形容詞") || partOfSpeech.startsWith("未知語");
    }

    private int ordinal(int docId) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
        NumericDocValues ordinals = leaf.reader().getNumericDocValues(ORDINAL);
        if (ordinals == null || !ordinals.advanceExact(docId - leaf.docBase)) {
            throw new IllegalStateException("FAQ index document without ordinal: " + docId);
        }
        return (int) ordinals.longValue();
    }

    static Set<String> terms(Analyzer analyzer, String text) {
        var terms = new HashSet<String>();
        forEachToken(analyzer, text, (term, type, start, end, pos) -> terms.add(term));
        return terms;
    }

    private static void forEachToken(Analyzer analyzer, String text, TokenConsumer consumer) {
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PartOfSpeechAttribute partOfSpeech = stream.hasAttribute(PartOfSpeechAttribute.class)
                    ? stream.getAttribute(PartOfSpeechAttribute.class) : null;
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 0) {
                    consumer.accept(term.toString(), type.type(), offset.startOffset(), offset.endOffset(),
                            partOfSpeech == null ? null : partOfSpeech.getPartOfSpeech());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface TokenConsumer {
        void accept(String term, String type, int start, int end, String partOfSpeech);
    }

    /** What one entry offers to be searched, as text per field. */
    private record EntryText(String question, String keywords, String topics, String answer) {

        static EntryText of(FaqEntry entry, Map<String, Topic> topics) {
            var topicText = new StringBuilder();
            for (String slug : entry.topics()) {
                Topic topic = topics.get(slug);
                if (topic != null) {
                    topicText.append(topic.label()).append('。').append(topic.about()).append('。');
                }
            }
            return new EntryText(entry.question(), String.join("、", entry.keywords()), topicText.toString(),
                    entry.answer() + "。" + entry.forWhom() + "。" + entry.desk());
        }

        /** What the entry is asked and known by: the fields a resident's words are most like. */
        String asked() {
            return question + "。" + keywords;
        }

        /** What the entry is about: how it is asked, and its topics. */
        String about() {
            return question + "。" + keywords + "。" + topics;
        }

        String all() {
            return question + "。" + keywords + "。" + topics + "。" + answer;
        }
    }

    /**
     * The words, readings and bigrams of one entry, for the coverage test: apart for what the
     * entry is about (question, keywords, topics) and what its answer merely mentions.
     */
    private record EntryTerms(Set<String> aboutWords, Set<String> aboutReadings, Set<String> answerWords,
            Set<String> answerReadings, Set<String> aboutGrams, Set<String> aboutSounds) {
    }

    /**
     * One content word of the query.
     *
     * @param words the word and its synonyms
     * @param readings its readings
     * @param grams its character bigrams
     * @param weight how much it counts towards coverage
     */
    private record Concept(Set<String> words, Set<String> readings, Set<String> grams, double weight) {

        /**
         * How much of this word the entry covers: all of it when the entry is about it (word or
         * reading in question, keywords or topics, or nearly all its characters there), half when
         * only the answer mentions it, since answers mention many things in passing.
         */
        double creditIn(EntryTerms entry) {
            if (containsAny(entry.aboutWords(), words) || containsAny(entry.aboutReadings(), readings)) {
                return 1.0;
            }
            if (containsAny(entry.answerWords(), words) || containsAny(entry.answerReadings(), readings)) {
                return ANSWER_CREDIT;
            }
            return 0;
        }

        /** Whether nearly all of the word's characters are in what the entry is about: a typo or an unknown form. */
        boolean nearlyIn(EntryTerms entry) {
            if (grams.size() < 2) {
                return false;
            }
            int found = 0;
            for (String gram : grams) {
                if (entry.aboutGrams().contains(gram)) {
                    found++;
                }
            }
            return found * 4 >= grams.size() * 3;
        }

        private static boolean containsAny(Set<String> set, Set<String> wanted) {
            for (String word : wanted) {
                if (set.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class ConceptBuilder {
        final String term;
        final int start;
        final int end;
        final boolean contentWord;
        final Set<String> words = new HashSet<>();
        final Set<String> readings = new HashSet<>();

        final boolean inUserDictionary;

        ConceptBuilder(String term, int start, int end, boolean contentWord, boolean inUserDictionary) {
            this.inUserDictionary = inUserDictionary;
            this.term = term;
            this.start = start;
            this.end = end;
            this.contentWord = contentWord;
            words.add(term);
        }

        /**
         * A word of the welfare vocabulary: a program name from the user dictionary, or a word
         * the synonyms lead to program words. Such a word in the query is strong evidence that
         * the question is one for this FAQ, so it weighs more in the coverage.
         */
        boolean domainWord() {
            return inUserDictionary || words.size() > 1;
        }
    }

    /**
     * An entry ranked for a query.
     *
     * @param entry the entry
     * @param score its BM25 score over all fields
     * @param coverage the weighted share of the query's content words it contains (0..1)
     */
    record Candidate(FaqEntry entry, float score, double coverage) {
    }

    /**
     * The ranked candidates of one query.
     *
     * @param candidates best first
     * @param concepts how many content words the query had
     */
    record Ranking(List<Candidate> candidates, int concepts) {
    }
}
