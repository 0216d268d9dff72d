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
    /** Something fits when one entry covers at least half of what the resident asked (weighted). */
    static final double MIN_COVERAGE = 0.5;
    /** Up to this many words, a query is a question and {@link #MIN_COVERAGE} applies as it is. */
    static final int SHORT_QUERY_WORDS = 8;
    /** The lowest bar, for the longest messages. */
    static final double MIN_LONG_QUERY_COVERAGE = 0.35;
    /** Once something fits, weaker candidates are still shown if they cover this much. */
    static final double MIN_HIT_COVERAGE = 0.3;
    /** A word only the answer mentions is half covered: answers mention many things in passing. */
    private static final double ANSWER_CREDIT = 0.5;
    /** Shorter readings are not used to match words: too many words sound alike. */
    private static final int MIN_READING_LENGTH = 3;
    /** A kana-only query fits an entry when this share of its sound is in what the entry is about. */
    private static final double MIN_SOUND_SHARE = 0.6;
    /** Welfare words (user dictionary, synonyms, topic vocabulary) count double towards coverage. */
    private static final double DOMAIN_WORD_WEIGHT = 2.0;
    /** Grammar words (dependent nouns, suffixes, pronouns, adverbs) count half. */
    private static final double FUNCTION_WORD_WEIGHT = 0.5;
    /** Ranking blends BM25 with coverage: score × (COVERAGE_BASE + coverage). */
    private static final double COVERAGE_BASE = 0.5;

    private final FaqAnalysis analysis;
    private final List<FaqEntry> entries;
    private final IndexSearcher searcher;
    private final List<EntryTerms> entryTerms;
    private final Map<String, Integer> wordDocumentFrequency;
    private final Set<String> topicVocabulary;

    private FaqIndex(FaqAnalysis analysis, List<FaqEntry> entries, IndexSearcher searcher,
            List<EntryTerms> entryTerms, Set<String> topicVocabulary) {
        this.analysis = analysis;
        this.topicVocabulary = topicVocabulary;
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
        // Each text is analyzed once; its terms feed both the index fields (as ready-made token
        // streams) and the term sets of the coverage test. Analysis is most of the build's time.
        var config = new IndexWriterConfig(analysis.words())
                .setSimilarity(new BM25Similarity())
                .setRAMBufferSizeMB(64)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        var directory = new ByteBuffersDirectory();
        var entryTerms = new EntryTerms[entries.size()];
        // entries of the same topics share the topics' text: analyze it once per combination
        var topicTerms = new HashMap<List<String>, Analyzed>();
        try (var writer = new IndexWriter(directory, config)) {
            for (int ordinal = 0; ordinal < entries.size(); ordinal++) {
                FaqEntry entry = entries.get(ordinal);
                EntryText text = EntryText.of(entry, topics);
                Analyzed question = Analyzed.of(analysis, text.question());
                Analyzed keywords = Analyzed.of(analysis, text.keywords());
                Analyzed answer = Analyzed.of(analysis, text.answer());
                Analyzed topic = topicTerms.get(entry.topics());
                if (topic == null) {
                    topic = Analyzed.of(analysis, text.topics());
                    topicTerms.put(entry.topics(), topic);
                }
                List<String> askedGrams = termList(analysis.grams(), text.asked());
                List<String> askedSounds = termList(analysis.kanaGrams(), analysis.kanaOf(text.asked()));

                var document = new Document();
                document.add(new NumericDocValuesField(ORDINAL, ordinal));
                document.add(new TextField(QUESTION, new TermListTokenStream(question.words())));
                document.add(new TextField(KEYWORDS, new TermListTokenStream(keywords.words())));
                document.add(new TextField(TOPICS, new TermListTokenStream(topic.words())));
                document.add(new TextField(ANSWER, new TermListTokenStream(answer.words())));
                document.add(new TextField(READING, new TermListTokenStream(concat(question.readings(),
                        keywords.readings(), topic.readings(), answer.readings()))));
                document.add(new TextField(GRAMS, new TermListTokenStream(askedGrams)));
                document.add(new TextField(KANA, new TermListTokenStream(askedSounds)));
                writer.addDocument(document);

                entryTerms[ordinal] = new EntryTerms(
                        setOf(question.words(), keywords.words(), topic.words()),
                        setOf(question.readings(), keywords.readings(), topic.readings()),
                        setOf(answer.words()),
                        setOf(answer.readings()),
                        setOf(askedGrams, topic.grams()),
                        setOf(askedSounds, topic.sounds()));
            }
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the FAQ index", e);
        }
        try {
            var searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setSimilarity(new BM25Similarity());
            var topicVocabulary = new HashSet<String>();
            for (Topic topic : topics.values()) {
                topicVocabulary.addAll(terms(analysis.words(), topic.label() + "。" + topic.about()));
            }
            return new FaqIndex(analysis, List.copyOf(entries), searcher, List.of(entryTerms),
                    Set.copyOf(topicVocabulary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the FAQ index", e);
        }
    }

    /**
     * The entries that fit the resident's words, or nothing-fits. Something fits when one of the
     * best-ranked entries covers at least {@link #MIN_COVERAGE} of the query's words (see
     * {@link #rank(String, int)}), at least one of them as a word, not as loose characters:
     * sharing one everyday word with an entry (ごみ in 燃えるごみの日) is not enough, and
     * bigram overlap alone is noise.
     */
    FaqAnswer search(String residentWords, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        Ranking ranking = rank(residentWords, Math.max(limit, 10));
        List<Candidate> candidates = ranking.candidates();
        double minCoverage = minCoverage(ranking.concepts());
        if (candidates.stream().noneMatch(candidate -> candidate.coverage() >= minCoverage)) {
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

    /**
     * {@link #MIN_COVERAGE} for a question of up to {@link #SHORT_QUERY_WORDS} words. A longer
     * message tells a situation in many of the resident's own words, of which an entry can cover
     * a smaller share: the bar falls with the square root of the length, to a floor.
     */
    static double minCoverage(int queryWords) {
        if (queryWords <= SHORT_QUERY_WORDS) {
            return MIN_COVERAGE;
        }
        return Math.max(MIN_LONG_QUERY_COVERAGE, MIN_COVERAGE * Math.sqrt((double) SHORT_QUERY_WORDS / queryWords));
    }

    int size() {
        return entries.size();
    }

    List<FaqEntry> entries() {
        return entries;
    }

    /**
     * Ranks the entries for the resident's words (BM25 over all fields, blended with coverage), each
     * with its coverage: the weighted share of the query's words that the entry contains as the
     * word itself, its reading or one of its synonyms (in the question, keywords or topics: full;
     * in the answer only: half), or nearly whole as characters (a typo). A word weighs by how rare
     * it is among entries, so that a word every entry uses counts for little and a word no entry
     * knows counts for much; welfare words weigh double and grammar words half.
     */
    Ranking rank(String residentWords, int limit) {
        String text = residentWords.length() > MAX_QUERY_CHARS
                ? residentWords.substring(0, MAX_QUERY_CHARS) : residentWords;
        List<Token> words = tokens(analysis.wordsWithSynonyms(), text);
        List<Concept> concepts = concepts(text, words);
        if (concepts.isEmpty()) {
            return new Ranking(List.of(), 0);
        }
        List<Token> readings = tokens(analysis.readingsWithSynonyms(), text);
        List<Token> grams = tokens(analysis.grams(), text);
        Set<String> sounds = terms(analysis.kanaGrams(), analysis.kanaOf(text));
        attachReadingsAndGrams(concepts, readings, grams);
        List<Compound> compounds = compounds(concepts, grams);
        boolean kanaOnly = isMostlyKana(text);
        Set<String> kanaSounds = kanaOnly ? sounds : Set.of();
        Set<String> soundWords = kanaOnly ? analysis.wordsSoundingIn(text) : Set.of();
        try {
            ScoreDoc[] top = searcher.search(query(words, soundWords, readings, grams, sounds),
                    Math.max(limit * 3, 20)).scoreDocs;
            double totalWeight = 0;
            for (Concept concept : concepts) {
                totalWeight += concept.weight;
            }
            var candidates = new ArrayList<Candidate>(top.length);
            for (ScoreDoc hit : top) {
                int ordinal = ordinal(hit.doc);
                double coverage = coverage(concepts, compounds, totalWeight, kanaSounds, entryTerms.get(ordinal));
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

    private static double coverage(List<Concept> concepts, List<Compound> compounds, double totalWeight,
            Set<String> kanaSounds, EntryTerms entry) {
        double covered = 0;
        boolean wordMatched = false;
        for (Concept concept : concepts) {
            double credit = concept.creditIn(entry);
            if (credit > 0) {
                wordMatched = true;
            } else if (concept.nearlyIn(entry)) {
                credit = 1.0;
            }
            covered += credit * concept.weight;
        }
        for (Compound compound : compounds) {
            if (compound.nearlyIn(entry)) {
                // a misspelt or unknown compound that is nearly whole in the entry: as good as the word
                wordMatched = true;
                for (Concept concept : compound.concepts()) {
                    if (concept.creditIn(entry) < 1.0 && !concept.nearlyIn(entry)) {
                        covered += (1.0 - concept.creditIn(entry)) * concept.weight;
                    }
                }
            }
        }
        double coverage = wordMatched ? covered / totalWeight : 0;
        if (!kanaSounds.isEmpty()) {
            coverage = Math.max(coverage, soundCoverage(kanaSounds, entry.aboutSounds()));
        }
        return coverage;
    }

    private static Query query(List<Token> words, Set<String> soundWords, List<Token> readings, List<Token> grams,
            Set<String> sounds) {
        var query = new BooleanQuery.Builder();
        Map<String, Float> weights = new LinkedHashMap<>();
        for (Token word : words) {
            weights.merge(word.term(), word.isSynonym() ? SYNONYM_WEIGHT : 1.0f, Math::max);
        }
        for (String word : soundWords) {
            weights.merge(word, SYNONYM_WEIGHT, Math::max);
        }
        WORD_FIELDS.forEach((field, fieldWeight) -> weights.forEach((term, weight) ->
                query.add(boosted(field, term, fieldWeight * weight), BooleanClause.Occur.SHOULD)));
        Map<String, Float> readingWeights = new LinkedHashMap<>();
        for (Token reading : readings) {
            readingWeights.merge(reading.term(), reading.isSynonym() ? SYNONYM_WEIGHT : 1.0f, Math::max);
        }
        readingWeights.forEach((reading, weight) ->
                query.add(boosted(READING, reading, READING_WEIGHT * weight), BooleanClause.Occur.SHOULD));
        grams.stream().map(Token::term).distinct().forEach(gram ->
                query.add(boosted(GRAMS, gram, GRAMS_WEIGHT), BooleanClause.Occur.SHOULD));
        sounds.forEach(sound -> query.add(boosted(KANA, sound, KANA_WEIGHT), BooleanClause.Occur.SHOULD));
        return query.build();
    }

    private static Query boosted(String field, String term, float weight) {
        return new BoostQuery(new TermQuery(new Term(field, term)), weight);
    }

    /** The query's content words (one per word of the text), with their synonyms. */
    private List<Concept> concepts(String text, List<Token> words) {
        var concepts = new LinkedHashMap<String, Concept>();
        for (Token word : words) {
            if (!word.isSynonym()) {
                concepts.computeIfAbsent(word.term(), term -> new Concept(word, isContentWord(word.partOfSpeech())));
            }
        }
        for (Token synonym : words) {
            if (synonym.isSynonym()) {
                for (Concept concept : concepts.values()) {
                    if (concept.overlaps(synonym)) {
                        concept.words.add(synonym.term());
                    }
                }
            }
        }
        for (Concept concept : concepts.values()) {
            boolean domainWord = concept.inUserDictionary || concept.words.size() > 1
                    || topicVocabulary.contains(concept.term);
            boolean unknownPredicate = !concept.noun && !modifiesANoun(concept, words)
                    && !wordDocumentFrequency.containsKey(concept.term);
            // A word no entry uses but the synonyms understand is as informative as what it stands for.
            double rarity = idf(concept.term);
            if (!wordDocumentFrequency.containsKey(concept.term) && concept.words.size() > 1) {
                rarity = concept.words.stream().filter(word -> !word.equals(concept.term))
                        .mapToDouble(this::idf).max().orElse(rarity);
            }
            concept.weight = rarity * (!concept.contentWord || unknownPredicate ? FUNCTION_WORD_WEIGHT
                    : domainWord ? DOMAIN_WORD_WEIGHT : 1.0);
            for (String synonym : concept.words) {
                if (!synonym.equals(concept.term)) {
                    concept.synonymCredit.put(synonym, Math.min(1.0, idf(synonym) / rarity));
                }
            }
        }
        return List.copyOf(concepts.values());
    }

    /**
     * Runs of two or more query words written without a break (住居 確保 給 附 金): Kuromoji cuts
     * an unknown or misspelt compound into such pieces, none of which may be in any entry.
     */
    private static List<Compound> compounds(List<Concept> concepts, List<Token> grams) {
        var compounds = new ArrayList<Compound>();
        var sorted = new ArrayList<>(concepts);
        sorted.sort(Comparator.comparingInt(concept -> concept.start));
        int from = 0;
        for (int i = 1; i <= sorted.size(); i++) {
            if (i == sorted.size() || sorted.get(i).start != sorted.get(i - 1).end) {
                if (i - from >= 2) {
                    List<Concept> run = List.copyOf(sorted.subList(from, i));
                    int start = run.getFirst().start;
                    int end = run.getLast().end;
                    Set<String> runGrams = new HashSet<>();
                    for (Token gram : grams) {
                        if (gram.start() >= start && gram.end() <= end) {
                            runGrams.add(gram.term());
                        }
                    }
                    if (runGrams.size() >= 3) {
                        compounds.add(new Compound(run, runGrams));
                    }
                }
                from = i;
            }
        }
        return compounds;
    }

    /**
     * Whether a verb or adjective stands right before a noun (燃える|ごみ): then it names the
     * thing asked about, like a noun. Otherwise it tells what happens (電球を替えて|ほしい),
     * and residents tell that in their own words: a verb no entry uses counts half, so that a
     * question is not judged out of scope for its wording alone.
     */
    private static boolean modifiesANoun(Concept concept, List<Token> words) {
        for (Token word : words) {
            if (!word.isSynonym() && word.start() == concept.end && word.partOfSpeech() != null
                    && (word.partOfSpeech().startsWith("名詞") || word.partOfSpeech().startsWith("カスタム"))) {
                return true;
            }
        }
        return false;
    }

    private static void attachReadingsAndGrams(List<Concept> concepts, List<Token> readings, List<Token> grams) {
        for (Concept concept : concepts) {
            for (Token reading : readings) {
                // a reading of one or two kana (キレ, ヒ) sounds like too many other words to count
                if (reading.term().length() >= MIN_READING_LENGTH
                        && (reading.isSynonym() ? concept.overlaps(reading) : reading.start() == concept.start)) {
                    concept.readings.add(reading.term());
                }
            }
            for (Token gram : grams) {
                if (gram.start() >= concept.start && gram.end() <= concept.end) {
                    concept.grams.add(gram.term());
                }
            }
        }
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

    private static List<Token> tokens(Analyzer analyzer, String text) {
        var tokens = new ArrayList<Token>();
        forEachToken(analyzer, text, (term, type, start, end, pos) -> tokens.add(new Token(term, type, start, end, pos)));
        return tokens;
    }

    /** The terms of the text in order, repeats included (the index counts them). */
    static List<String> termList(Analyzer analyzer, String text) {
        var terms = new ArrayList<String>();
        forEachToken(analyzer, text, (term, type, start, end, pos) -> terms.add(term));
        return terms;
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
        void accept(String term, String type, int start, int end, @Nullable String partOfSpeech);
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
    }

    @SafeVarargs
    private static Set<String> setOf(List<String>... lists) {
        var set = new HashSet<String>();
        for (List<String> list : lists) {
            set.addAll(list);
        }
        return set;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        var all = new ArrayList<String>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    /** The terms of one text as the word and reading fields index them, and its bigrams and sounds. */
    private record Analyzed(List<String> words, List<String> readings, List<String> grams, List<String> sounds) {

        static Analyzed of(FaqAnalysis analysis, String text) {
            return new Analyzed(termList(analysis.words(), text), termList(analysis.readings(), text),
                    termList(analysis.grams(), text), termList(analysis.kanaGrams(), analysis.kanaOf(text)));
        }
    }

    /**
     * The words, readings and bigrams of one entry, for the coverage test: apart for what the
     * entry is about (question, keywords, topics) and what its answer merely mentions.
     */
    private record EntryTerms(Set<String> aboutWords, Set<String> aboutReadings, Set<String> answerWords,
            Set<String> answerReadings, Set<String> aboutGrams, Set<String> aboutSounds) {
    }

    /** One word of the query, with what may stand for it in an entry. */
    private static final class Concept {

        final String term;
        final int start;
        final int end;
        final boolean contentWord;
        final boolean inUserDictionary;
        final boolean noun;
        /** The word and its synonyms. */
        final Set<String> words = new HashSet<>();
        /**
         * Each synonym with the credit it earns: a synonym as specific as the word (rarer or as
         * rare among entries) earns all, a common one (支援, 相談: in most entries) little, or every
         * entry would cover the word through it.
         */
        final Map<String, Double> synonymCredit = new HashMap<>();
        final Set<String> readings = new HashSet<>();
        final Set<String> grams = new HashSet<>();
        /**
         * How much the word counts towards coverage: its rarity among entries, more for a word of
         * the welfare vocabulary (a program name from the user dictionary, a word the synonyms
         * lead to program words, a word of the topics' labels and "about" lines: strong evidence
         * that the question is one for this FAQ), less for grammar words.
         */
        double weight;

        Concept(Token word, boolean contentWord) {
            this.term = word.term();
            this.start = word.start();
            this.end = word.end();
            this.contentWord = contentWord;
            this.inUserDictionary = word.partOfSpeech() != null && word.partOfSpeech().startsWith("カスタム");
            this.noun = word.partOfSpeech() == null || word.partOfSpeech().startsWith("名詞") || inUserDictionary;
            words.add(term);
        }

        boolean overlaps(Token token) {
            return start < token.end() && token.start() < end;
        }

        /**
         * How much of this word the entry covers: all of it when the entry is about it (word or
         * reading in question, keywords or topics), half when only the answer mentions it, since
         * answers mention many things in passing.
         */
        double creditIn(EntryTerms entry) {
            double place = entry.aboutWords().contains(term) || containsAny(entry.aboutReadings(), readings) ? 1.0
                    : entry.answerWords().contains(term) || containsAny(entry.answerReadings(), readings) ? ANSWER_CREDIT
                    : 0;
            if (place == 1.0) {
                return place;
            }
            for (var synonym : synonymCredit.entrySet()) {
                if (entry.aboutWords().contains(synonym.getKey())) {
                    place = Math.max(place, synonym.getValue());
                } else if (entry.answerWords().contains(synonym.getKey())) {
                    place = Math.max(place, synonym.getValue() * ANSWER_CREDIT);
                }
            }
            return place;
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

    /**
     * A run of query words written without a break, with the bigrams of the whole run.
     *
     * @param concepts the words of the run
     * @param grams its character bigrams
     */
    private record Compound(List<Concept> concepts, Set<String> grams) {

        /** At least two thirds of the bigrams are in what the entry is about: one wrong character in a long word. */
        boolean nearlyIn(EntryTerms entry) {
            int found = 0;
            for (String gram : grams) {
                if (entry.aboutGrams().contains(gram)) {
                    found++;
                }
            }
            return found * 3 >= grams.size() * 2;
        }
    }

    /** One token of an analyzed text. */
    private record Token(String term, String type, int start, int end, @Nullable String partOfSpeech) {

        boolean isSynonym() {
            return SynonymGraphFilter.TYPE_SYNONYM.equals(type);
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
