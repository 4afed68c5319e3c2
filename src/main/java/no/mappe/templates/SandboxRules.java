package no.mappe.templates;

import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.AutoEscapeNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.ExtendsNode;
import io.pebbletemplates.pebble.node.FlushNode;
import io.pebbletemplates.pebble.node.ImportNode;
import io.pebbletemplates.pebble.node.IncludeNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.ParallelNode;
import io.pebbletemplates.pebble.node.TestInvocationExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.BlockFunctionExpression;
import io.pebbletemplates.pebble.node.expression.ConcatenateExpression;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FilterInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.LiteralBooleanExpression;
import io.pebbletemplates.pebble.node.expression.LiteralDoubleExpression;
import io.pebbletemplates.pebble.node.expression.LiteralIntegerExpression;
import io.pebbletemplates.pebble.node.expression.LiteralLongExpression;
import io.pebbletemplates.pebble.node.expression.LiteralNullExpression;
import io.pebbletemplates.pebble.node.expression.LiteralStringExpression;
import io.pebbletemplates.pebble.node.expression.ParentFunctionExpression;
import io.pebbletemplates.pebble.node.expression.RangeExpression;
import io.pebbletemplates.pebble.node.expression.TernaryExpression;
import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.Set;
import no.mappe.errors.TemplateInvalid;

/**
 * Checks every compiled template, shipped partial or upload, against the sandbox's allow-list before
 * it can run: only the allowed filters, tests and functions; no method calls; only loop's own
 * attributes; include and extends name a shared partial literally (never a variable, never another
 * template by its engine name); no block() or parent(), no list or map literals; and blocks nest at
 * most {@value #MAX_NESTING} deep. A template that breaks a rule does not compile, so it is refused
 * at upload and can never run.
 */
final class SandboxRules extends AbstractNodeVisitor {

    static final int MAX_NESTING = 40;
    /** The getters of Pebble's loop variable; the method access validator allows these and nothing else. */
    static final Set<String> LOOP_ATTRIBUTES = Set.of("index", "first", "last", "length", "revindex");

    private final Set<String> partials;
    private int nesting;

    private SandboxRules(PebbleTemplateImpl template, Set<String> partials) {
        super(template);
        this.partials = partials;
    }

    /** Makes the rules for each template Pebble compiles. */
    record Factory(Set<String> partials) implements NodeVisitorFactory {

        Factory {
            partials = Set.copyOf(partials);
        }

        @Override
        public NodeVisitor createVisitor(PebbleTemplate template) {
            return new SandboxRules((PebbleTemplateImpl) template, partials);
        }
    }

    @Override
    public void visit(BodyNode node) {
        if (++nesting > MAX_NESTING) {
            throw refused("nests blocks, loops and conditions more than " + MAX_NESTING + " levels deep", node.getLineNumber());
        }
        super.visit(node);
        nesting--;
    }

    @Override
    public void visit(ExtendsNode node) {
        partial(node.getParentExpression(), "extends");
    }

    @Override
    public void visit(IncludeNode node) {
        partial(node.getIncludeExpression(), "include");
    }

    private void partial(Expression<?> name, String tag) {
        if (!(name instanceof LiteralStringExpression literal)) {
            throw refused(tag + "s a name computed when the template runs; name a shared partial " + partials + " in quotes",
                    name.getLineNumber());
        }
        if (!partials.contains(literal.getValue())) {
            throw refused(tag + "s '" + literal.getValue() + "'; only the shared partials " + partials + " can be used",
                    name.getLineNumber());
        }
    }

    @Override
    public void visit(AutoEscapeNode node) {
        throw refused("uses the tag 'autoescape'; output is always escaped", node.getLineNumber());
    }

    @Override
    public void visit(FlushNode node) {
        throw refused("uses the tag 'flush'", node.getLineNumber());
    }

    @Override
    public void visit(ImportNode node) {
        throw refused("uses the tag 'import'", node.getLineNumber());
    }

    @Override
    public void visit(MacroNode node) {
        throw refused("defines a macro; templates cannot use macros", node.getLineNumber());
    }

    @Override
    public void visit(ParallelNode node) {
        throw refused("uses the tag 'parallel'", node.getLineNumber());
    }

    /** Every expression, and any node this class does not name, ends here: allowed only if listed. */
    @Override
    public void visit(Node node) {
        switch (node) {
            case LiteralStringExpression ignored -> {
            }
            case LiteralIntegerExpression ignored -> {
            }
            case LiteralLongExpression ignored -> {
            }
            case LiteralDoubleExpression ignored -> {
            }
            case LiteralBooleanExpression ignored -> {
            }
            case LiteralNullExpression ignored -> {
            }
            case ContextVariableExpression ignored -> {
            }
            case GetAttributeExpression attribute -> attribute(attribute);
            case FilterInvocationExpression filter -> {
                allowed(filter.getFilterName(), TemplateSandbox.FILTERS, "filter", filter.getLineNumber());
                filter.getArgs().accept(this);
            }
            case TestInvocationExpression test -> {
                allowed(test.getTestName(), TemplateSandbox.TESTS, "test", test.getLineNumber());
                test.getArgs().accept(this);
            }
            case FunctionOrMacroInvocationExpression function -> {
                allowed(function.getFunctionName(), TemplateSandbox.FUNCTIONS, "function", function.getLineNumber());
                function.getArguments().accept(this);
            }
            case RangeExpression range -> throw refused("uses '..'; use range() instead", range.getLineNumber());
            case ConcatenateExpression concatenate -> throw refused("uses '~'", concatenate.getLineNumber());
            case BinaryExpression<?> binary -> {
                binary.getLeftExpression().accept(this);
                binary.getRightExpression().accept(this);
            }
            case UnaryExpression unary -> unary.getChildExpression().accept(this);
            case TernaryExpression ternary -> {
                ternary.getExpression1().accept(this);
                ternary.getExpression2().accept(this);
                ternary.getExpression3().accept(this);
            }
            case BlockFunctionExpression block -> throw refused("uses the function 'block()'", block.getLineNumber());
            case ParentFunctionExpression parent -> throw refused("uses the function 'parent()'", parent.getLineNumber());
            case Expression<?> other -> throw refused("uses " + describe(other) + ", which templates cannot use", other.getLineNumber());
            default -> throw refused("uses " + node.getClass().getSimpleName().replace("Node", "").toLowerCase(java.util.Locale.ROOT)
                    + ", which templates cannot use", 0);
        }
    }

    private void attribute(GetAttributeExpression attribute) {
        if (attribute.getArgumentsNode() != null) {
            throw refused("calls a method; templates may only print values and use filters", attribute.getLineNumber());
        }
        if (attribute.getNode() instanceof ContextVariableExpression variable && variable.getName().equals("loop")) {
            if (!(attribute.getAttributeNameExpression() instanceof LiteralStringExpression name)
                    || !LOOP_ATTRIBUTES.contains(name.getValue())) {
                throw refused("uses " + describeLoop(attribute) + "; a loop offers only "
                        + LOOP_ATTRIBUTES.stream().sorted().map(a -> "loop." + a).toList(), attribute.getLineNumber());
            }
        }
        attribute.getNode().accept(this);
        attribute.getAttributeNameExpression().accept(this);
    }

    private static String describeLoop(GetAttributeExpression attribute) {
        return attribute.getAttributeNameExpression() instanceof LiteralStringExpression name ? "loop." + name.getValue() : "loop[...]";
    }

    private static String describe(Expression<?> expression) {
        String name = expression.getClass().getSimpleName();
        return switch (name) {
            case "ArrayExpression" -> "a list literal [...]";
            case "MapExpression" -> "a map literal {...}";
            default -> name.replace("Expression", "").toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static void allowed(String name, Set<String> allowed, String kind, int line) {
        if (!allowed.contains(name)) {
            throw refused("uses the " + kind + " '" + name + "', which templates cannot use (allowed: "
                    + allowed.stream().sorted().toList() + ")", line);
        }
    }

    private static TemplateInvalid refused(String what, int line) {
        return new TemplateInvalid(what + (line > 0 ? " (line " + line + ")" : ""));
    }
}
