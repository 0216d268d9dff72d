package jp.soudan.iriguchi.dialogue;

/**
 * A place in a dialogue file, for messages that a city's staff can act on.
 *
 * @param file the file as it was found (e.g. {@code dialogues/intake.yaml})
 * @param line 1-based line number
 */
record Where(String file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
