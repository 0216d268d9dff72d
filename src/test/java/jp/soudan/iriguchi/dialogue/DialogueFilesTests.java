package jp.soudan.iriguchi.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of mistake in a dialogue file stops loading with the file and the line. Every test
 * copies the shipped files, makes one mistake in them, and checks the problem reported for it.
 */
class DialogueFilesTests {

    private static final Path SHIPPED = Path.of("dialogues");
    private static final Path TOPICS = Path.of("topics.yaml");

    @TempDir
    Path dir;

    @Test
    void theShippedFilesLoadAndKeepEveryTopicOfTopicsYaml() {
        DialogueBook book = DialogueFiles.load(SHIPPED, TOPICS);

        assertThat(book.start()).isEqualTo("welcome");
        assertThat(book.languages()).containsExactly("ja", "easy-ja", "en");
        List<String> offeredTopics = book.states().values().stream()
                .flatMap(s -> s.choices().stream())
                .flatMap(c -> c.add().entrySet().stream().filter(e -> e.getKey().equals("topics")).map(e -> e.getValue()))
                .distinct().toList();
        assertThat(offeredTopics).containsExactlyInAnyOrderElementsOf(book.topics().keySet());
    }

    @Test
    void aTransitionToAStateThatDoesNotExistIsNamedWithItsLine() {
        copy();
        replace("intake.yaml", "go: welcome_more", "go: welcome_mroe");
        int line = lineOf("intake.yaml", "      - id: more");

        assertProblem("intake.yaml", line, "state welcome choice more: goes to 'welcome_mroe', which is not a state (did you mean 'welcome_more'?)");
    }

    @Test
    void aStateNothingLeadsToIsUnreachable() {
        copy();
        append("young-carer.yaml", """
                  orphan:
                    say: {ja: だれも来ない, easy-ja: だれも こない, en: Nobody comes here}
                """);
        int line = lineOf("young-carer.yaml", "  orphan:");

        assertProblem("young-carer.yaml", line, "state orphan cannot be reached");
    }

    @Test
    void aPlaceholderOfASlotNoWayIntoTheStateCanHaveSetIsRefused() {
        copy();
        // welcome is reached at the start and after fresh starts: nothing can have opened a ticket before it.
        replace("intake.yaml", "        よければ「はじめる」を押してください。", "        受付番号は{case_number}です。");
        int line = lineOf("intake.yaml", "      ja: |-");

        assertProblem("intake.yaml", line, "state welcome say: reads {case_number}, which cannot have been set here");
    }

    @Test
    void aGuardReadingASlotThatCannotBeSetYetIsRefused() {
        copy();
        int line = replace("intake.yaml", "      - when: faq_result == shown", "      - when: favourite_colour == blue");

        assertProblem("intake.yaml", line, "the guard 'favourite_colour == blue' reads favourite_colour, which no way into this state"
                + " can have set");
    }

    @Test
    void aLabelOverTwentyCharactersIsRefusedWithItsLanguage() {
        copy();
        String tooLong = "自分のことについて相談したいと思っています";
        int line = replace("intake.yaml", "label: {ja: 自分のこと,", "label: {ja: " + tooLong + ",");

        assertProblem("intake.yaml", line, "the ja label '" + tooLong + "' has " + tooLong.length() + " characters; LINE allows 20");
    }

    @Test
    void moreThanThirteenChoicesInOneStateAreRefused() {
        copy();
        int line = lineOf("intake.yaml", "  troubles:");
        replace("intake.yaml", "      - {id: dementia,",
                "      - {id: dementia-too, label: {ja: 物忘れ, easy-ja: ものわすれ, en: Forgetting}, add: {topics: dementia}, go: stay}\n"
                        + "      - {id: dementia,");

        assertProblem("intake.yaml", line, "state troubles: offers 14 choices; LINE shows at most 13 quick replies");
    }

    @Test
    void anUnknownActionIsRefusedWithTheKnownOnes() {
        copy();
        int line = replace("young-carer.yaml", "        do: [faq-search]", "        do: [faq-serch]");

        assertProblem("young-carer.yaml", line - 3, "unknown action 'faq-serch' (known: faq-search, referral-draft, referral-submit,"
                + " crisis-help, request-deletion)");
    }

    @Test
    void aMissingLanguageVariantIsRefused() {
        copy();
        int line = lineOf("intake.yaml", "      ja: ありがとうございます。だれのことで相談したいですか？");
        replace("intake.yaml", "      en: Thank you. Who is your consultation about?\n", "");

        assertProblem("intake.yaml", line, "state about_whom say: the en variant is missing");
    }

    @Test
    void invalidYamlIsReportedWhereTheParserStopped() {
        copy();
        int line = replace("commands.yaml", "    label: {ja: 最初から, easy-ja: さいしょから, en: Start over}",
                "    label: {ja: 最初から, easy-ja: さいしょから, en: Start over");

        assertProblem("commands.yaml", line + 1, "not valid YAML");
    }

    @Test
    void aMisspelledKeyIsReportedNotIgnored() {
        copy();
        int line = replace("intake.yaml", "    skip: age_band", "    skp: age_band");

        assertProblem("intake.yaml", line, "unknown key 'skp'");
    }

    @Test
    void aTopicThatIsNotInTopicsYamlIsRefused() {
        copy();
        int line = replace("intake.yaml", "add: {topics: hikikomori}", "add: {topics: shut-in}");

        assertProblem("intake.yaml", line, "'shut-in' is not a topic of topics.yaml");
    }

    @Test
    void aSlotWithFixedValuesGetsOnlyThoseValues() {
        copy();
        int line = replace("intake.yaml", "set: {about_whom: neighbour}", "set: {about_whom: cousin}");

        assertProblem("intake.yaml", line - 3, "about_whom can only be one of [acquaintance, family, neighbour, self], not 'cousin'");
    }

    @Test
    void aDecidingStateWhoseLastBranchHasAGuardIsRefused() {
        copy();
        int line = replace("intake.yaml", "      - go: desk_unreachable", "      - when: referral_result == unavailable\n        go: desk_unreachable");

        assertProblem("intake.yaml", line, "the last branch is taken when no other is; it has no 'when'");
    }

    @Test
    void aWordThatBelongsToTwoCommandsIsRefused() {
        copy();
        int line = lineOf("commands.yaml", "      ja: [やめる, やめたい, 終わり, 終わる, 終了]");
        replace("commands.yaml", "      ja: [やめる, やめたい, 終わり, 終わる, 終了]", "      ja: [やめる, やめたい, 終わり, 終わる, 終了, 最初から]");

        assertProblem("commands.yaml", line, "command stop: the word '最初から' also belongs to command restart");
    }

    @Test
    void filesWithDifferentLanguagesAreRefused() {
        copy();
        int line = replace("young-carer.yaml", "languages: [ja, easy-ja, en]", "languages: [ja, en]");

        assertProblem("young-carer.yaml", line, "every dialogue file must have the same languages");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        assertThatThrownBy(() -> DialogueFiles.load(dir.resolve("nowhere"), TOPICS))
                .isInstanceOf(DialogueFileException.class)
                .hasMessageContaining("the dialogue directory does not exist");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        copy();
        replace("intake.yaml", "go: welcome_more", "go: welcome_mroe");
        replace("intake.yaml", "add: {topics: hikikomori}", "add: {topics: shut-in}");

        assertThatThrownBy(() -> DialogueFiles.load(dir, TOPICS))
                .isInstanceOfSatisfying(DialogueFileException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageStartingWith("The dialogue files have 2 problems:");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void assertProblem(String file, int line, String message) {
        String where = dir.resolve(file) + ":" + line + ": ";
        assertThatThrownBy(() -> DialogueFiles.load(dir, TOPICS))
                .isInstanceOf(DialogueFileException.class)
                .satisfies(e -> assertThat(((DialogueFileException) e).problems())
                        .anySatisfy(p -> assertThat(p.toString()).startsWith(where).contains(message)));
    }

    private void copy() {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the first occurrence; returns the 1-based line where the replacement begins. */
    private int replace(String file, String find, String replacement) {
        String text = read(file);
        int at = text.indexOf(find);
        assertThat(at).as("'%s' in %s", find, file).isNotNegative();
        write(file, text.substring(0, at) + replacement + text.substring(at + find.length()));
        return lineAt(text, at);
    }

    private void append(String file, String lines) {
        write(file, read(file) + lines);
    }

    private int lineOf(String file, String find) {
        String text = read(file);
        int at = text.indexOf(find);
        assertThat(at).as("'%s' in %s", find, file).isNotNegative();
        return lineAt(text, at);
    }

    private static int lineAt(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
