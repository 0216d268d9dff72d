package jp.soudan.iriguchi.faq;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseIterationMarkCharFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * The analysis chains of the FAQ search, one per indexed view of the text.
 *
 * <ul>
 * <li>{@link #words()}: Kuromoji with the welfare user dictionary (program names such as
 * 住居確保給付金 stay one word), base forms, particles and auxiliaries dropped, width folded,
 * hiragana folded to katakana, katakana long-vowel stemmed. The index side of the word fields.
 * <li>{@link #wordsWithSynonyms()}: the same plus the synonym graph from everyday words to
 * program words; the query side. Synonyms are applied at query time only, so the city can
 * extend the synonym file without rebuilding anything but the in-memory index.
 * <li>{@link #readings()}: the katakana reading of each word, so 引きこもり, ひきこもり and
 * ヒキコモリ meet; {@link #readingsWithSynonyms()} applies the synonym rules by sound, so a
 * word written in kana gets the synonyms of its kanji form.
 * <li>{@link #grams()}: character bigrams of the surface text, the fallback for words the
 * dictionary does not know and for typos.
 * <li>{@link #kanaGrams()}: bigrams of the whole text's reading ({@link #kanaOf(String)}), so a
 * query typed all in hiragana still meets the kanji of an entry even when Kuromoji cuts the
 * hiragana into other words; {@link #wordsSoundingIn(String)} finds the program names and
 * synonym words whose sound such a query contains.
 * </ul>
 */
final class FaqAnalysis {

    static final String USER_DICTIONARY = "/faq-analysis/userdict.txt";
    static final String SYNONYMS = "/faq-analysis/synonyms.txt";

    private final Analyzer words;
    private final Analyzer wordsWithSynonyms;
    private final Analyzer readings;
    private final Analyzer readingsWithSynonyms;
    private final Map<String, Set<String>> soundLexicon;
    private final Analyzer grams;
    private final Analyzer kanaGrams;
    private final Analyzer kana;

    private FaqAnalysis(String userDictionaryText, List<String> rules) {
        UserDictionary userDictionary = openUserDictionary(userDictionaryText);
        CharArraySet stopWords = JapaneseAnalyzer.getDefaultStopSet();
        Function<Tokenizer, TokenStream> contentWords = tokenizer -> {
            TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
            stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
            stream = new LowerCaseFilter(stream);
            return new StopFilter(stream, stopWords);
        };
        Function<Tokenizer, TokenStream> wordChain = contentWords
                .andThen(stream -> new JapaneseKatakanaStemFilter(new KanaFoldingFilter(stream)));
        Function<Tokenizer, TokenStream> readingChain = contentWords
                .andThen(stream -> new JapaneseReadingFormFilter(stream, false))
                .andThen(stream -> new JapaneseKatakanaStemFilter(new KanaFoldingFilter(stream)));
        this.words = new Chain(() -> kuromoji(userDictionary), wordChain);
        SynonymMap synonyms = parseSynonyms(this.words, rules);
        this.wordsWithSynonyms = new Chain(() -> kuromoji(userDictionary),
                wordChain.andThen(stream -> new SynonymGraphFilter(stream, synonyms, true)));
        this.readings = new Chain(() -> kuromoji(userDictionary), readingChain);
        SynonymMap readingSynonyms = parseSynonyms(this.readings, rules);
        this.readingsWithSynonyms = new Chain(() -> kuromoji(userDictionary),
                readingChain.andThen(stream -> new SynonymGraphFilter(stream, readingSynonyms, true)));
        this.grams = new Chain(StandardTokenizer::new, tokenizer -> {
            TokenStream stream = new KanaFoldingFilter(tokenizer);
            stream = new LowerCaseFilter(stream);
            return new CJKBigramFilter(stream);
        });
        this.kana = new Chain(() -> new JapaneseTokenizer(userDictionary, true, true, JapaneseTokenizer.Mode.NORMAL),
                tokenizer -> new KanaFoldingFilter(new JapaneseReadingFormFilter(tokenizer, false)));
        this.kanaGrams = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                return new TokenStreamComponents(new NGramTokenizer(2, 2));
            }
        };
        this.soundLexicon = soundLexicon(userDictionaryText, rules);
    }

    /** The analysis with the user dictionary and synonyms shipped in {@code faq-analysis/}. */
    static FaqAnalysis standard() {
        try (Reader dictionary = resource(USER_DICTIONARY); Reader synonyms = resource(SYNONYMS)) {
            return new FaqAnalysis(readAll(dictionary), List.of(readAll(synonyms)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the FAQ analysis resources", e);
        }
    }

    /** The standard analysis plus a city's own synonym rules. */
    static FaqAnalysis withExtraSynonyms(Reader citySynonyms) {
        try (Reader dictionary = resource(USER_DICTIONARY); Reader synonyms = resource(SYNONYMS)) {
            return new FaqAnalysis(readAll(dictionary), List.of(readAll(synonyms), readAll(citySynonyms)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the FAQ analysis resources", e);
        }
    }

    /** An analysis with other resources, for tests. */
    static FaqAnalysis of(Reader userDictionary, List<Reader> synonymRules) {
        return new FaqAnalysis(readAll(userDictionary), synonymRules.stream().map(FaqAnalysis::readAll).toList());
    }

    Analyzer words() {
        return words;
    }

    Analyzer wordsWithSynonyms() {
        return wordsWithSynonyms;
    }

    Analyzer readings() {
        return readings;
    }

    /**
     * The readings with the synonym rules applied by sound: a word written in kana (おかね,
     * ひとりぐらし) gets the synonyms of its kanji form, as readings.
     */
    Analyzer readingsWithSynonyms() {
        return readingsWithSynonyms;
    }

    /**
     * Words (as word terms) whose sound the kana-only text contains: the program names of the
     * user dictionary and the words of the synonym rules, with the words their rules lead to.
     *
     * <p>Kuromoji cuts kana-only text by guesswork (おかねがない → お / かね / が / ない), so its
     * words miss the kanji entries and the synonym rules; the sound of a known word of three or
     * more kana inside the text's sound finds them again, like a small input method.
     */
    Set<String> wordsSoundingIn(String kanaOnlyText) {
        String sound = kanaOf(kanaOnlyText);
        var words = new LinkedHashSet<String>();
        soundLexicon.forEach((key, terms) -> {
            if (sound.contains(key)) {
                words.addAll(terms);
            }
        });
        return words;
    }

    private Map<String, Set<String>> soundLexicon(String userDictionaryText, List<String> rules) {
        var lexicon = new HashMap<String, Set<String>>();
        for (String line : userDictionaryText.split("\n")) {
            String[] fields = line.strip().split(",");
            if (line.isBlank() || line.startsWith("#") || fields.length < 4) {
                continue;
            }
            addSound(lexicon, fields[2].replace(" ", "").replace("ー", ""), FaqIndex.terms(words, fields[0]));
        }
        for (String file : rules) {
            for (String line : file.split("\n")) {
                String rule = line.strip();
                if (rule.isEmpty() || rule.startsWith("#")) {
                    continue;
                }
                String[] sides = rule.split("=>", 2);
                List<String> inputs = splitWords(sides[0]);
                List<String> outputs = sides.length == 2 ? splitWords(sides[1]) : inputs;
                var outputTerms = new LinkedHashSet<String>();
                outputs.forEach(output -> outputTerms.addAll(FaqIndex.terms(words, output)));
                for (String input : inputs) {
                    var terms = new LinkedHashSet<>(FaqIndex.terms(words, input));
                    terms.addAll(outputTerms);
                    addSound(lexicon, kanaOf(input), terms);
                }
            }
        }
        return Map.copyOf(lexicon);
    }

    private static void addSound(Map<String, Set<String>> lexicon, String sound, Set<String> terms) {
        if (sound.length() >= 3 && !terms.isEmpty()) {
            lexicon.computeIfAbsent(sound, key -> new LinkedHashSet<>()).addAll(terms);
        }
    }

    private static List<String> splitWords(String side) {
        return Arrays.stream(side.split(",")).map(String::strip).filter(word -> !word.isEmpty()).toList();
    }

    Analyzer grams() {
        return grams;
    }

    Analyzer kanaGrams() {
        return kanaGrams;
    }

    /**
     * The text as it sounds: the katakana reading of every word (punctuation dropped, long-vowel
     * marks removed so that ケアラー and ケアラ sound alike), to be indexed with {@link #kanaGrams()}.
     */
    String kanaOf(String text) {
        var reading = new StringBuilder(text.length() + 8);
        try (TokenStream stream = kana.tokenStream("kana", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                for (int i = 0; i < term.length(); i++) {
                    char c = term.charAt(i);
                    if (c != 'ー') {
                        reading.append(Character.toLowerCase(c));
                    }
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reading.toString();
    }

    private static JapaneseTokenizer kuromoji(UserDictionary userDictionary) {
        return new JapaneseTokenizer(userDictionary, true, true, JapaneseTokenizer.Mode.SEARCH);
    }

    private static UserDictionary openUserDictionary(String text) {
        try {
            UserDictionary dictionary = UserDictionary.open(new StringReader(text));
            if (dictionary == null) {
                // Kuromoji returns no dictionary for a file without entries; an empty one is fine
                return UserDictionary.open(new StringReader("ダミー,ダミー,ダミー,カスタム名詞\n"));
            }
            return dictionary;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the FAQ user dictionary cannot be read: " + e.getMessage(), e);
        }
    }

    private static SynonymMap parseSynonyms(Analyzer analyzer, List<String> rules) {
        try {
            var parser = new KeepingOriginalsParser(analyzer);
            for (String rule : rules) {
                parser.parse(new StringReader(rule));
            }
            return parser.build();
        } catch (ParseException e) {
            String reason = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw new IllegalArgumentException("the FAQ synonyms cannot be read: " + e.getMessage() + reason, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(Reader reader) {
        try {
            var text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the FAQ synonyms", e);
        }
    }

    private static Reader resource(String name) {
        InputStream stream = FaqAnalysis.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        return new InputStreamReader(stream, StandardCharsets.UTF_8);
    }

    /**
     * Solr synonym syntax, with two changes that suit a file written by city staff in plain
     * Japanese: a rule may be a phrase ("家賃が払えない"), analyzed like the text so that its
     * particles drop out as they do in the query; and {@code =>} rules keep the resident's own
     * words next to the program words, because the resident's words may be in the entry too.
     */
    private static final class KeepingOriginalsParser extends SolrSynonymParser {

        private final Analyzer analyzer;

        KeepingOriginalsParser(Analyzer analyzer) {
            super(true, true, analyzer);
            this.analyzer = analyzer;
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            var terms = new ArrayList<String>();
            try (TokenStream stream = analyzer.tokenStream("synonyms", text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    terms.add(term.toString());
                }
                stream.end();
            }
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has no searchable word (only particles or stop words)");
            }
            return SynonymMap.Builder.join(terms.toArray(String[]::new), reuse);
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            super.add(input, output, true);
        }
    }

    /** An analyzer from a tokenizer and a chain of filters, with width and iteration-mark folding first. */
    private static final class Chain extends Analyzer {

        private final Supplier<Tokenizer> tokenizer;
        private final Function<Tokenizer, TokenStream> filters;

        Chain(Supplier<Tokenizer> tokenizer, Function<Tokenizer, TokenStream> filters) {
            this.tokenizer = tokenizer;
            this.filters = filters;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = tokenizer.get();
            return new TokenStreamComponents(source, filters.apply(source));
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new JapaneseIterationMarkCharFilter(new CJKWidthCharFilter(reader));
        }

        @Override
        protected Reader initReaderForNormalization(String fieldName, Reader reader) {
            return initReader(fieldName, reader);
        }
    }
}
