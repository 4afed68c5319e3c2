package no.mappe.templates;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import no.mappe.errors.RenderRefused;

/**
 * The sandbox's for-loop and range(): each iteration, and each number a range makes, is paid for
 * from the fill's {@link RenderBudget}, and no range makes more than {@value #MAX_RANGE} numbers at
 * once, so neither nested loops nor one huge range can keep a core busy or fill the heap.
 */
final class CountedLoops {

    static final int MAX_RANGE = 10_000;

    private CountedLoops() {
    }

    /** Pebble's for-loop, with every iteration paid for from the fill's budget. */
    record CountedFor(TokenParser stock) implements TokenParser {

        @Override
        public String getTag() {
            return "for";
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            ForNode loop = (ForNode) stock.parse(token, parser);
            return new ForNode(loop.getLineNumber(), loop.getIterationVariable(), new Counted(loop.getIterable()), loop.getBody(),
                    loop.getElseBody());
        }
    }

    /** What a for-loop iterates over, wrapped so that each step costs one unit of the budget. */
    private record Counted(Expression<?> iterable) implements Expression<Object> {

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object value = iterable.evaluate(self, context);
            RenderBudget budget = RenderBudget.of(context);
            if (value instanceof Iterable<?> items) {
                return counted(items, budget);
            }
            if (value instanceof Map<?, ?> map) {
                return counted(map.entrySet(), budget);
            }
            return value;
        }

        private static Iterable<Object> counted(Iterable<?> items, RenderBudget budget) {
            return () -> {
                Iterator<?> inner = items.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return inner.hasNext();
                    }

                    @Override
                    public Object next() {
                        budget.spend(1);
                        return inner.next();
                    }
                };
            };
        }

        @Override
        public void accept(NodeVisitor visitor) {
            // Invisible to the visitors: they see (and check) the expression the template wrote.
            iterable.accept(visitor);
        }

        @Override
        public int getLineNumber() {
            return iterable.getLineNumber();
        }
    }

    /** range(start, end[, step]) as Pebble has it (end included), making at most {@value #MAX_RANGE} numbers, each paid for. */
    static final class BoundedRange implements Function {

        @Override
        public List<String> getArgumentNames() {
            return List.of("start", "end", "increment");
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            long start = whole(args.get("start"), lineNumber);
            long end = whole(args.get("end"), lineNumber);
            long step = args.get("increment") == null ? 1 : whole(args.get("increment"), lineNumber);
            if (step == 0) {
                throw new RenderRefused("range() on line " + lineNumber + " has a step of 0, which never ends");
            }
            double count = step > 0 ? Math.floor(((double) end - start) / step) + 1 : Math.floor(((double) start - end) / -step) + 1;
            if (count > MAX_RANGE) {
                throw new RenderRefused("range(" + start + ", " + end + ") on line " + lineNumber + " would make " + (long) count
                        + " numbers; a template may make at most " + MAX_RANGE + " at once (its loop budget)");
            }
            List<Long> numbers = new ArrayList<>();
            if (count > 0) {
                RenderBudget.of(context).spend((long) count);
                for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
                    numbers.add(i);
                }
            }
            return numbers;
        }

        private static long whole(Object value, int lineNumber) {
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                    && Math.abs(number.doubleValue()) < 1e15) {
                return number.longValue();
            }
            throw new RenderRefused("range() on line " + lineNumber + " needs whole numbers");
        }
    }
}
