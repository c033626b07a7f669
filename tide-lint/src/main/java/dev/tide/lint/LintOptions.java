package dev.tide.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code [--output text|json] [--strict] [--plugins <dir>] [--help] <path>...}.
 *
 * @param plugins a folder of drop-in scaler plugins to load besides the built-in scalers
 */
record LintOptions(List<Path> paths, Output output, boolean strict, Optional<Path> plugins, boolean help) {

    /** How the findings are written. */
    enum Output {
        /** One line per finding, compiler style, and a summary line. */
        TEXT,
        /** One JSON document with every finding and the summary. */
        JSON
    }

    static final String USAGE = """
            Usage: tide lint [options] <path>...

            Checks KEDA manifests (keda.sh ScaledObject, TriggerAuthentication, ClusterTriggerAuthentication)
            with Tide's admission validator, offline. A path is a YAML file, a directory (read recursively for
            *.yaml and *.yml, hidden folders left out) or - for standard input; multi-document files are fine.
            Deployments, StatefulSets, HorizontalPodAutoscalers, LimitRanges and other ScaledObjects in the
            same files are used for the checks that look at other objects (same namespace; none means default).

            Options:
              -o, --output text|json  text (default): one line per finding, path:line: severity: object: message
                                      json: one JSON document with every finding and the summary
                  --strict            fail on warnings too
                  --plugins <dir>     also load the drop-in scaler plugins in <dir>, as the controller does
              -h, --help              print this help

            Exit codes: 0 no errors (warnings allowed), 1 errors found (or warnings with --strict),
                        2 bad usage, a path that cannot be read, or plugins that cannot be loaded.
            """;

    LintOptions {
        paths = List.copyOf(paths);
    }

    /** @throws UsageException naming what is wrong with the command line */
    static LintOptions parse(List<String> args) {
        List<Path> paths = new ArrayList<>();
        Output output = Output.TEXT;
        boolean strict = false;
        Optional<Path> plugins = Optional.empty();
        boolean help = false;
        boolean onlyPaths = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPaths || !arg.startsWith("-") || arg.equals("-")) {
                paths.add(Path.of(arg));
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--" -> onlyPaths = true;
                case "-h", "--help" -> help = true;
                case "--strict" -> strict = true;
                case "-o", "--output" -> {
                    String value = inline != null ? inline : value(args, ++i, name);
                    output = switch (value) {
                        case "text" -> Output.TEXT;
                        case "json" -> Output.JSON;
                        default -> throw new UsageException("--output must be text or json, got \"" + value + "\"");
                    };
                }
                case "--plugins" -> plugins = Optional.of(Path.of(inline != null ? inline : value(args, ++i, name)));
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (paths.isEmpty() && !help) {
            throw new UsageException("no path given: name the YAML files or directories to check");
        }
        return new LintOptions(paths, output, strict, plugins, help);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }
}
