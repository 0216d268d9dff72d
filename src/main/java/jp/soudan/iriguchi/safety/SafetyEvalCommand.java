package jp.soudan.iriguchi.safety;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the crisis detector on a labelled set, without starting the application:
 * <pre>
 *   SafetyEvalCommand --safety FILE [--patterns PATH]
 * </pre>
 * FILE has one JSON object per line, {@code {"text": "...", "crisis": true|false}}. Prints every
 * miss on its own line ({@code false_negative<TAB>text} or {@code false_alarm<TAB>text<TAB>kinds}),
 * then, as its last line, a JSON object with {@code cases}, {@code crisis_cases},
 * {@code crisis_recall} (null without crisis cases) and {@code false_alarms} (a count).
 * Exit status 0 after a run, 2 for bad arguments or an unusable file.
 */
public final class SafetyEvalCommand {

    static final Path DEFAULT_PATTERNS = Path.of("config/safety/crisis-patterns.yaml");
    private static final String USAGE = "usage: SafetyEvalCommand --safety FILE [--patterns PATH]";

    private SafetyEvalCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path cases = null;
        Path patterns = DEFAULT_PATTERNS;
        for (int i = 0; i < args.length; i++) {
            boolean hasValue = i + 1 < args.length;
            switch (args[i]) {
                case "--safety" -> {
                    if (!hasValue) {
                        return usage(err, "--safety needs a file");
                    }
                    cases = Path.of(args[++i]);
                }
                case "--patterns" -> {
                    if (!hasValue) {
                        return usage(err, "--patterns needs a file");
                    }
                    patterns = Path.of(args[++i]);
                }
                default -> {
                    return usage(err, "unknown argument " + args[i]);
                }
            }
        }
        if (cases == null) {
            return usage(err, "--safety FILE is required");
        }
        try {
            CrisisDetector detector = PatternCrisisDetector.fromFile(patterns);
            Result result = evaluate(detector, cases, out);
            out.println(result.toJson());
            return 0;
        } catch (SafetyFileException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }

    private record Result(int cases, int crisisCases, int found, int falseAlarms) {

        String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cases", cases);
            json.put("crisis_cases", crisisCases);
            json.put("crisis_recall", crisisCases == 0 ? null : found / (double) crisisCases);
            json.put("false_alarms", falseAlarms);
            return JsonMapper.builder().build().writeValueAsString(json);
        }
    }

    private static Result evaluate(CrisisDetector detector, Path file, PrintStream out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SafetyFileException(file.toString(), 0, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        JsonMapper json = JsonMapper.builder().build();
        int cases = 0;
        int crisisCases = 0;
        int found = 0;
        int falseAlarms = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JacksonException e) {
                throw new SafetyFileException(file.toString(), n + 1, "not a JSON object: " + e.getOriginalMessage());
            }
            JsonNode text = node.get("text");
            JsonNode crisis = node.get("crisis");
            if (text == null || !text.isString() || crisis == null || !crisis.isBoolean()) {
                throw new SafetyFileException(file.toString(), n + 1,
                        "each line needs \"text\" (a string) and \"crisis\" (true or false)");
            }
            cases++;
            CrisisAssessment assessment = detector.assess(text.stringValue());
            if (crisis.booleanValue()) {
                crisisCases++;
                if (assessment.isCrisis()) {
                    found++;
                } else {
                    out.println("false_negative\t" + text.stringValue());
                }
            } else if (assessment.isCrisis()) {
                falseAlarms++;
                out.println("false_alarm\t" + text.stringValue() + "\t" + assessment.kinds());
            }
        }
        return new Result(cases, crisisCases, found, falseAlarms);
    }
}
