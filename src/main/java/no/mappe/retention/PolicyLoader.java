package no.mappe.retention;

import java.io.StringReader;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.mappe.cases.CaseEventType;
import no.mappe.config.Resources;
import no.mappe.errors.RetentionPolicyInvalid;
import no.mappe.security.Sha256;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates {@code archive-policy/<name>.yaml}. Works on the YAML node tree rather than
 * on plain maps so that every message can name the line. A policy that leaves a document type
 * without a rule, names an unknown trigger or action, or has a malformed period is refused.
 */
public final class PolicyLoader {

    private static final Set<String> CLASS_KEYS = Set.of("documents", "trigger", "after", "action", "approval", "description");
    private static final Set<String> TOP_KEYS = Set.of("classes", "approval", "description");
    private static final List<String> APPROVALS = List.of("none", "leader");

    private final Resources resources;
    private final Collection<String> documentTypes;

    /** @param documentTypes every document type the service can produce; each needs exactly one rule */
    public PolicyLoader(Resources resources, Collection<String> documentTypes) {
        this.resources = resources;
        this.documentTypes = List.copyOf(documentTypes);
    }

    public RetentionPolicy load(String name) {
        String relative = name + ".yaml";
        String file = resources.describe(relative);
        String text = resources.read(relative).orElseThrow(() -> new RetentionPolicyInvalid(file, 0,
                "the policy file does not exist (each organisation names its policy; see README, 'Retention policies')"));
        return parse(file, text, name);
    }

    /**
     * Validates a policy text as if it were the named file (for a preview of a change before it is
     * put in place). The messages name the given file and the line.
     */
    public RetentionPolicy parse(String file, String text, String name) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new RetentionPolicyInvalid(file, 0, "not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof MappingNode top)) {
            throw new RetentionPolicyInvalid(file, 1, "the policy must be a mapping with a 'classes' key");
        }
        Map<String, Node> topEntries = entries(file, top, TOP_KEYS);
        boolean approvalByDefault = topEntries.containsKey("approval") && approval(file, topEntries.get("approval"));
        Node classesNode = topEntries.get("classes");
        if (!(classesNode instanceof MappingNode classes) || classes.getValue().isEmpty()) {
            throw new RetentionPolicyInvalid(file, line(classesNode == null ? top : classesNode),
                    "'classes' must map class names to rules");
        }
        List<RetentionRule> rules = new ArrayList<>();
        Map<String, RetentionRule> byType = new HashMap<>();
        for (NodeTuple tuple : classes.getValue()) {
            String className = scalar(file, tuple.getKeyNode());
            RetentionRule rule = rule(file, className, tuple.getValueNode(), approvalByDefault);
            for (String type : rule.documentTypes()) {
                RetentionRule earlier = byType.putIfAbsent(type, rule);
                if (earlier != null) {
                    throw new RetentionPolicyInvalid(file, rule.line(), "document type '" + type + "' is in class '"
                            + className + "' and also in class '" + earlier.retentionClass() + "' (line " + earlier.line() + ")");
                }
            }
            rules.add(rule);
        }
        for (String type : documentTypes) {
            if (!byType.containsKey(type)) {
                throw new RetentionPolicyInvalid(file, line(classesNode), "document type '" + type
                        + "' has no retention rule; add it to the 'documents' of one class");
            }
        }
        return new RetentionPolicy(name, file, List.copyOf(rules), Map.copyOf(byType), text, Sha256.hex(text));
    }

    /** {@code approval: leader} asks for two-step disposal; {@code none} lets the sweep carry it out at once. */
    private static boolean approval(String file, Node node) {
        String value = scalar(file, node);
        if (!APPROVALS.contains(value)) {
            throw new RetentionPolicyInvalid(file, line(node), "approval '" + value + "' is not one of " + APPROVALS);
        }
        return value.equals("leader");
    }

    private RetentionRule rule(String file, String className, Node node, boolean approvalByDefault) {
        if (!(node instanceof MappingNode mapping)) {
            throw new RetentionPolicyInvalid(file, line(node), "class '" + className + "' must be a mapping");
        }
        Map<String, Node> entries = entries(file, mapping, CLASS_KEYS);
        String where = "class '" + className + "': ";
        Node actionNode = required(file, mapping, entries, "action", where);
        RetentionAction action = RetentionAction.fromCode(scalar(file, actionNode)).orElseThrow(() ->
                new RetentionPolicyInvalid(file, line(actionNode), where + "action '" + scalar(file, actionNode)
                        + "' is not one of " + java.util.Arrays.stream(RetentionAction.values()).map(RetentionAction::code).toList()));
        boolean approvalRequired = entries.containsKey("approval") ? approval(file, entries.get("approval")) : approvalByDefault;
        List<String> types = documentTypes(file, required(file, mapping, entries, "documents", where), where);
        if (action == RetentionAction.KEEP && !entries.containsKey("trigger")) {
            return new RetentionRule(className, types, null, Period.ZERO, action, false, line(node));
        }
        Node triggerNode = required(file, mapping, entries, "trigger", where);
        String trigger = scalar(file, triggerNode);
        if (!trigger.equals(RetentionRule.DOCUMENT_DATE) && CaseEventType.fromCode(trigger).isEmpty()) {
            throw new RetentionPolicyInvalid(file, line(triggerNode), where + "trigger '" + trigger + "' is not one of "
                    + CaseEventType.codes() + " or " + RetentionRule.DOCUMENT_DATE);
        }
        Node afterNode = required(file, mapping, entries, "after", where);
        Period after;
        try {
            after = Period.parse(scalar(file, afterNode));
        } catch (DateTimeParseException e) {
            throw new RetentionPolicyInvalid(file, line(afterNode), where + "after '" + scalar(file, afterNode)
                    + "' is not an ISO-8601 period such as P0D, P3M or P10Y");
        }
        if (after.isNegative()) {
            throw new RetentionPolicyInvalid(file, line(afterNode), where + "after cannot be negative");
        }
        return new RetentionRule(className, types, trigger, after, action, approvalRequired && action.disposes(), line(node));
    }

    private List<String> documentTypes(String file, Node node, String where) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw new RetentionPolicyInvalid(file, line(node), where + "documents must be a non-empty list of document types");
        }
        List<String> types = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String type = scalar(file, item);
            if (!documentTypes.contains(type)) {
                throw new RetentionPolicyInvalid(file, line(item), where + "unknown document type '" + type + "'; known types: "
                        + documentTypes);
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private static Map<String, Node> entries(String file, MappingNode mapping, Set<String> allowed) {
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(file, tuple.getKeyNode());
            if (!allowed.contains(key)) {
                throw new RetentionPolicyInvalid(file, line(tuple.getKeyNode()), "unknown key '" + key + "'; expected one of "
                        + allowed.stream().sorted().toList());
            }
            if (entries.put(key, tuple.getValueNode()) != null) {
                throw new RetentionPolicyInvalid(file, line(tuple.getKeyNode()), "key '" + key + "' appears twice");
            }
        }
        return entries;
    }

    private static Node required(String file, MappingNode mapping, Map<String, Node> entries, String key, String where) {
        Node node = entries.get(key);
        if (node == null) {
            throw new RetentionPolicyInvalid(file, line(mapping), where + "'" + key + "' is required");
        }
        return node;
    }

    private static String scalar(String file, Node node) {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw new RetentionPolicyInvalid(file, line(node), "expected a single value here");
        }
        return scalar.getValue().strip();
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
