package no.mappe.templates;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.extension.core.CoreExtension;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.IncludeNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.AddExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.operator.UnaryOperator;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import io.pebbletemplates.pebble.utils.OperatorUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.mappe.errors.TemplateInvalid;

/**
 * Pebble cut down to what Mappe's templates need, applied to every built-in extension through
 * {@code PebbleEngine.Builder.registerExtensionCustomizer}: the tags extends, block, include, for,
 * if and set; the length filter (and the html escaping autoescape adds by itself); the empty and
 * null tests; range(); arithmetic, comparison and logic. Every other tag is refused with its name
 * (autoescape, macro, import, from, embed, parallel, cache, ...), every other filter and function is
 * simply not there (raw, i18n, ...), and {@link SandboxRules} checks each compiled template on top.
 *
 * <p>Three replacements keep a template inside its {@link RenderBudget}: for-loops count their
 * iterations and range() the numbers it makes ({@link CountedLoops}), and {@code +} adds numbers
 * only, so no loop can double a text until the heap is gone.
 */
final class TemplateSandbox {

    static final Set<String> TAGS = Set.of("extends", "block", "include", "for", "if", "set");
    static final Set<String> FILTERS = Set.of("length");
    static final Set<String> TESTS = Set.of("empty", "null");
    static final Set<String> FUNCTIONS = Set.of("range");
    private static final Set<String> BINARY_OPERATORS = Set.of("or", "and", "is", "is not", "==", "!=", "<", ">", "<=", ">=", "+", "-",
            "*", "/", "%", "|");
    private static final Set<String> UNARY_OPERATORS = Set.of("not", "-", "+");
    /** The escaping autoescape adds to every print: kept, but no template may call it (or change its strategy) itself. */
    private static final String ESCAPE = "escape";

    private TemplateSandbox() {
    }

    /** Wraps one of Pebble's built-in extensions so it offers only what the sandbox allows. */
    static ExtensionCustomizer restrict(Extension builtIn, Set<String> partials) {
        return new Restricted(builtIn, builtIn instanceof CoreExtension ? new SandboxRules.Factory(partials) : null);
    }

    private static final class Restricted extends ExtensionCustomizer {

        private final NodeVisitorFactory rules;

        Restricted(Extension builtIn, NodeVisitorFactory rules) {
            super(builtIn);
            this.rules = rules;
        }

        @Override
        public List<TokenParser> getTokenParsers() {
            List<TokenParser> parsers = new ArrayList<>();
            for (TokenParser parser : orEmpty(super.getTokenParsers())) {
                if (!TAGS.contains(parser.getTag())) {
                    parsers.add(new RefusedTag(parser.getTag()));
                } else if (parser.getTag().equals("for")) {
                    parsers.add(new CountedLoops.CountedFor(parser));
                } else if (parser.getTag().equals("include")) {
                    parsers.add(new PlainInclude());
                } else {
                    parsers.add(parser);
                }
            }
            return parsers;
        }

        @Override
        public List<BinaryOperator> getBinaryOperators() {
            List<BinaryOperator> operators = new ArrayList<>();
            for (BinaryOperator operator : orEmpty(super.getBinaryOperators())) {
                if (operator.getSymbol().equals("+")) {
                    operators.add(new BinaryOperatorImpl("+", operator.getPrecedence(), NumbersOnlyAdd::new, BinaryOperatorType.NORMAL,
                            Associativity.LEFT));
                } else if (BINARY_OPERATORS.contains(operator.getSymbol())) {
                    operators.add(operator);
                }
            }
            return operators;
        }

        @Override
        public List<UnaryOperator> getUnaryOperators() {
            return orEmpty(super.getUnaryOperators()).stream().filter(operator -> UNARY_OPERATORS.contains(operator.getSymbol())).toList();
        }

        @Override
        public Map<String, Filter> getFilters() {
            return only(super.getFilters(), FILTERS, ESCAPE);
        }

        @Override
        public Map<String, Test> getTests() {
            return only(super.getTests(), TESTS, null);
        }

        @Override
        public Map<String, Function> getFunctions() {
            Map<String, Function> functions = new LinkedHashMap<>();
            if (super.getFunctions() != null && super.getFunctions().containsKey("range")) {
                functions.put("range", new CountedLoops.BoundedRange());
            }
            return functions;
        }

        @Override
        public Map<String, Object> getGlobalVariables() {
            return Map.of();
        }

        @Override
        public List<NodeVisitorFactory> getNodeVisitors() {
            List<NodeVisitorFactory> visitors = new ArrayList<>();
            if (rules != null) {
                // First, so it sees the template as written, before autoescaping adds its escape filters.
                visitors.add(rules);
            }
            visitors.addAll(orEmpty(super.getNodeVisitors()));
            return visitors;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> Map<String, T> only(Map<String, T> all, Set<String> allowed, String alsoKept) {
        Map<String, T> kept = new LinkedHashMap<>();
        if (all != null) {
            all.forEach((name, value) -> {
                if (allowed.contains(name) || name.equals(alsoKept)) {
                    kept.put(name, value);
                }
            });
        }
        return kept;
    }

    /** A tag Pebble knows but templates may not use: refused when the template is compiled, by name. */
    private record RefusedTag(String tag) implements TokenParser {

        @Override
        public String getTag() {
            return tag;
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            String why = tag.equals("autoescape") ? "; output is always escaped" : "";
            throw new TemplateInvalid("uses the tag '" + tag + "', which templates cannot use" + why + " (allowed tags: "
                    + String.join(", ", TAGS.stream().sorted().toList()) + "; line " + token.getLineNumber() + ")");
        }
    }

    /**
     * {@code include "partial"} without Pebble's {@code with {...}}: the partial sees the template's
     * own variables, and no expression hides where {@link SandboxRules} cannot look.
     */
    private static final class PlainInclude implements TokenParser {

        @Override
        public String getTag() {
            return "include";
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            TokenStream stream = parser.getStream();
            stream.next();
            Expression<?> name = parser.getExpressionParser().parseExpression();
            if (stream.current().test(Token.Type.NAME, "with")) {
                throw new TemplateInvalid("uses 'include ... with'; a partial sees the template's own variables (line "
                        + token.getLineNumber() + ")");
            }
            stream.expect(Token.Type.EXECUTE_END);
            return new IncludeNode(token.getLineNumber(), name, null);
        }
    }

    /** {@code +} on numbers only: on texts or lists it would let a loop double a value until the heap is full. */
    private static final class NumbersOnlyAdd extends AddExpression {

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            Object right = getRightExpression().evaluate(self, context);
            if (!(left instanceof Number) || !(right instanceof Number)) {
                throw new PebbleException(null, "'+' adds numbers only; templates cannot join texts or lists with it", getLineNumber(),
                        self.getName());
            }
            return OperatorUtils.add(left, right);
        }
    }

}
