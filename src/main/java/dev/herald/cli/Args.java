package dev.herald.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's arguments: {@code --name value} or {@code --name=value} options (some may repeat,
 * some are flags without a value), then the words; {@code --} ends the options. Not thread-safe.
 */
final class Args {
    final Map<String, List<String>> options = new LinkedHashMap<>();
    final List<String> words = new ArrayList<>();

    static Args parse(String[] args, int from, Set<String> valued, Set<String> flags) throws CliException {
        Args out = new Args();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                out.words.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (!arg.startsWith("--") || arg.equals("-")) {
                out.words.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (flags.contains(name) && eq < 0) {
                out.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                String value = eq > 0 ? arg.substring(eq + 1) : ++i < args.length ? args[i] : null;
                if (value == null) {
                    throw CliException.usage("missing value for " + name);
                }
                out.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw CliException.usage("unknown option " + name);
            }
        }
        return out;
    }

    String one(String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    long number(String name, long defaultValue, long min, long max) throws CliException {
        String value = one(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.usage(name + " takes a whole number from " + min + " to " + max + ", not " + value);
    }
}
