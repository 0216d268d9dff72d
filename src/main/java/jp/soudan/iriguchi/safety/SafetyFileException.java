package jp.soudan.iriguchi.safety;

/**
 * A file under {@code config/safety/} that cannot be used. The message starts with the file and
 * the line, so that whoever edited it finds the mistake at once; it stops start-up, because a
 * bot that cannot recognise a crisis must not answer residents.
 */
final class SafetyFileException extends RuntimeException {

    private final String file;
    private final int line;

    SafetyFileException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file as it was named when loaded. */
    String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    int line() {
        return line;
    }
}
