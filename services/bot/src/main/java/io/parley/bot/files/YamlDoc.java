package io.parley.bot.files;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML as a node tree that keeps line numbers, and collects validation problems with the line of the
 * offending key or value. Only plain data is accepted (no tags, no anchors needed).
 */
public final class YamlDoc {

    private final String file;
    private final int lineOffset;
    private final List<FileProblem> problems;

    /**
     * @param lineOffset added to SnakeYAML's 0-based line so messages show the line in the real file (front matter
     *                   starts after the opening {@code ---})
     */
    public YamlDoc(String file, int lineOffset, List<FileProblem> problems) {
        this.file = file;
        this.lineOffset = lineOffset;
        this.problems = problems;
    }

    /** Parses text; returns null (and records a problem) when it is not valid YAML. Empty text gives null silently. */
    public Node parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 + lineOffset : 0;
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problem(line, "invalid YAML: " + what.strip());
            return null;
        } catch (RuntimeException e) {
            problem(0, "invalid YAML: " + e.getMessage());
            return null;
        }
    }

    public int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1 + lineOffset;
    }

    public void problem(int line, String message) {
        problems.add(new FileProblem(file, line, message));
    }

    public void problem(Node node, String message) {
        problem(line(node), message);
    }

    /** The entries of a mapping node, in order; records a problem and returns empty when it is not a mapping. */
    public Map<String, Node> mapping(Node node, String what, Set<String> allowedKeys) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(node, what + " must be a mapping (key: value lines)");
            return out;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(tuple.getKeyNode(), "keys in " + what + " must be plain words");
                continue;
            }
            if (allowedKeys != null && !allowedKeys.contains(key.getValue())) {
                problem(key, "unknown key '" + key.getValue() + "' in " + what + " (allowed: "
                        + String.join(", ", allowedKeys.stream().sorted().toList()) + ")");
                continue;
            }
            out.put(key.getValue(), tuple.getValueNode());
        }
        return out;
    }

    public String string(Node node, String what) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            if ("tag:yaml.org,2002:null".equals(scalar.getTag().getValue())) {
                return null;
            }
            return scalar.getValue();
        }
        problem(node, what + " must be a single value, not a list or mapping");
        return null;
    }

    public String requiredString(Map<String, Node> map, String key, Node parent, String what) {
        String value = string(map.get(key), what + "." + key);
        if (value == null || value.isBlank()) {
            if (!map.containsKey(key)) {
                problem(parent == null ? 1 + lineOffset : line(parent), "missing required key '" + key + "' in " + what);
            } else {
                problem(map.get(key), "'" + key + "' in " + what + " must not be empty");
            }
            return null;
        }
        return value;
    }

    public Double number(Node node, String what, double min, double max) {
        String raw = string(node, what);
        if (raw == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw.strip());
            if (value < min || value > max) {
                problem(node, what + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + raw);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(node, what + " must be a number, got '" + raw + "'");
            return null;
        }
    }

    public Integer integer(Node node, String what, int min, int max) {
        String raw = string(node, what);
        if (raw == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                problem(node, what + " must be between " + min + " and " + max + ", got " + raw);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(node, what + " must be a whole number, got '" + raw + "'");
            return null;
        }
    }

    public Boolean bool(Node node, String what) {
        String raw = string(node, what);
        if (raw == null) {
            return null;
        }
        return switch (raw.strip().toLowerCase()) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> {
                problem(node, what + " must be true or false, got '" + raw + "'");
                yield null;
            }
        };
    }

    /** A list of strings; a single scalar is accepted as a one-element list. */
    public List<String> strings(Node node, String what) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node instanceof ScalarNode) {
            String value = string(node, what);
            if (value != null && !value.isBlank()) {
                out.add(value);
            }
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, what + " must be a list");
            return out;
        }
        for (Node item : seq.getValue()) {
            String value = string(item, what + " item");
            if (value != null && !value.isBlank()) {
                out.add(value);
            } else if (item instanceof ScalarNode) {
                problem(item, what + " must not contain empty items");
            }
        }
        return out;
    }

    public List<Node> list(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, what + " must be a list");
            return List.of();
        }
        return seq.getValue();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
