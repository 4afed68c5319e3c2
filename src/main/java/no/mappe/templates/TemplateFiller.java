package no.mappe.templates;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.cache.template.ConcurrentMapTemplateCache;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import no.mappe.errors.RenderRefused;
import no.mappe.errors.TemplateInvalid;
import no.mappe.errors.UnableToRenderDocument;

/**
 * Fills XHTML templates with Pebble, configured as a sandbox ({@link TemplateSandbox},
 * {@link SandboxRules}): every value is HTML-escaped and no template can switch that off, undefined
 * variables are errors, no Java method can be called except the getters of a for-loop's
 * {@code loop}, and templates load only from the catalogue ({@link CatalogueLoader}), so nothing
 * but the shared partials can be included.
 *
 * <p>Each fill runs on a worker thread with a stack of its own size (the recursion budget) and
 * within a {@link RenderBudget} of time, loop iterations and output size, so no template can keep a
 * core busy, fill the heap or end in a StackOverflowError; it is refused with a 422 that names the
 * budget instead.
 */
public final class TemplateFiller {

    private static final String LOOP_VARIABLES = "io.pebbletemplates.pebble.node.ForNode$LoopVariables";
    /** The getters behind loop.first, loop.last, loop.length, loop.index and loop.revindex; never getClass or anything else. */
    private static final Set<String> LOOP_GETTERS = Set.of("isFirst", "isLast", "getLength", "getIndex", "getRevindex");
    private static final DateTimeFormatter DATE = no.mappe.text.DisplayDates.DAY;
    /** How much longer than its time budget a fill may take before the caller stops waiting for it. */
    private static final long GRACE_MILLIS = 1_000;
    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();

    private final PebbleEngine engine;
    private final RenderBudget.Limits limits;
    private final ExecutorService workers;

    public TemplateFiller(TemplateCatalogue catalogue) {
        this(catalogue, RenderBudget.Limits.DEFAULT);
    }

    TemplateFiller(TemplateCatalogue catalogue, RenderBudget.Limits limits) {
        this.limits = limits;
        // Compiled templates by engine name, in a map of our own so a discarded candidate can be dropped from it.
        ConcurrentMap<Object, PebbleTemplate> compiled = new ConcurrentHashMap<>();
        this.engine = new PebbleEngine.Builder()
            .loader(new CatalogueLoader(catalogue))
            .registerExtensionCustomizer(builtIn -> TemplateSandbox.restrict(builtIn, catalogue.partialNames()))
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(true)
            .methodAccessValidator((object, method) -> object.getClass().getName().equals(LOOP_VARIABLES)
                    && LOOP_GETTERS.contains(method.getName()))
            .allowOverrideCoreOperators(false)
            .newLineTrimming(true)
            .cacheActive(true)
            .templateCache(new ConcurrentMapTemplateCache(compiled))
            .build();
        // A discarded candidate leaves no compiled copy behind.
        catalogue.onForget(compiled::remove);
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread worker = new Thread(null, task, "template-fill-" + WORKER_NUMBER.incrementAndGet(), limits.stackBytes());
            worker.setDaemon(true);
            return worker;
        });
    }

    public String fill(TemplateCatalogue.Template template, RenderContext context) {
        if (!template.xhtmlByLanguage().containsKey(context.language())) {
            throw new IllegalArgumentException("Template " + template.manifest().id() + " has no " + context.language() + " version");
        }
        String templateId = template.manifest().id();
        Future<String> filled = workers.submit(() -> fillHere(template, context));
        try {
            return filled.get(limits.time().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            filled.cancel(true);
            throw RenderBudget.overTime(templateId, limits);
        } catch (InterruptedException e) {
            filled.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnableToRenderDocument(templateId, e);
        } catch (ExecutionException e) {
            throw refusalOrFailure(templateId, e.getCause());
        }
    }

    /** Compiles (once per source) and fills, on a worker thread. */
    private String fillHere(TemplateCatalogue.Template template, RenderContext context) throws IOException {
        RenderBudget budget = new RenderBudget(limits, template.manifest().id());
        try {
            PebbleTemplate compiled = engine.getTemplate(template.sourceName(context.language()));
            Writer out = budget.writer();
            compiled.evaluate(out, variables(template.manifest(), context, budget));
            return out.toString();
        } catch (StackOverflowError e) {
            throw RenderBudget.tooDeep(template.manifest().id(), limits);
        }
    }

    /** The sandbox's own refusals keep their reasons (422); anything else is a failure to render. */
    private RuntimeException refusalOrFailure(String templateId, Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof RenderRefused refused) {
                return refused;
            }
            if (cause instanceof TemplateInvalid invalid) {
                return new TemplateInvalid("Template '" + templateId + "' " + invalid.getMessage(), invalid);
            }
            if (cause instanceof ParserException syntax) {
                return new TemplateInvalid("Template '" + templateId + "' cannot be compiled: " + syntax.getPebbleMessage()
                        + (syntax.getLineNumber() == null ? "" : " (line " + syntax.getLineNumber() + ")"), syntax);
            }
            if (cause instanceof StackOverflowError) {
                return RenderBudget.tooDeep(templateId, limits);
            }
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new UnableToRenderDocument(templateId, thrown);
    }

    private static Map<String, Object> variables(TemplateManifest manifest, RenderContext context, RenderBudget budget) {
        Map<String, Object> fields = new LinkedHashMap<>();
        // Every declared field is present, so strict mode catches typos in templates, not empty optionals.
        for (FieldSpec field : manifest.fields()) {
            fields.put(field.name(), plain(context.fields().get(field.name()), field, context.language()));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("lang", context.language());
        variables.put("title", manifest.title(context.language()));
        variables.put("organisation", Map.of("name", context.organisationName()));
        variables.put("participant", Map.of("name", context.participantName(),
                "birthDate", format(context.participantBirthDate())));
        variables.put("case", Map.of("programme", context.programme(), "programmeName", context.programmeName(),
                "startDate", format(context.caseStartDate())));
        variables.put("profile", context.profile());
        variables.put("signers", signers(manifest, context));
        variables.put("counsellor", Map.of("name", context.counsellorName()));
        variables.put("document", Map.of("date", format(context.documentDate())));
        variables.put("fields", fields);
        variables.put("caseForms", caseForms(context.caseForms()));
        variables.put(RenderBudget.VARIABLE, budget);
        return variables;
    }

    /** Who signs, in order, with the role's name in the document's language. */
    private static List<Map<String, Object>> signers(TemplateManifest manifest, RenderContext context) {
        List<Map<String, Object>> signers = new java.util.ArrayList<>();
        for (String role : manifest.signers()) {
            String label = manifest.signerLabel(role, context.language());
            String name = switch (role) {
                case "participant" -> context.participantName();
                case "counsellor" -> context.counsellorName();
                default -> String.valueOf(context.profile().getOrDefault("leaderName", ""));
            };
            signers.add(Map.of("role", role, "label", label, "name", name));
        }
        return signers;
    }

    /**
     * {@code caseForms.consent.state} ('not-made', 'draft', 'awaiting-signatures' or 'signed'),
     * {@code .signedOn} (a date or empty) and {@code .documentType} (which document it is, empty when
     * not made) for each of confidentiality, consent, equipmentReceipt and agreement.
     */
    private static Map<String, Object> caseForms(CaseForms forms) {
        Map<String, Object> variable = new LinkedHashMap<>();
        for (CaseForms.Form form : CaseForms.Form.values()) {
            CaseForms.State state = forms.state(form);
            variable.put(form.variable(), Map.of("state", state.stage().code(), "signedOn", format(state.signedOn()),
                    "documentType", state.documentType() == null ? "" : state.documentType()));
        }
        return variable;
    }

    private static Object plain(Object value, FieldSpec field, String language) {
        if (value == null) {
            return field.type() == FieldType.LIST || field.type() == FieldType.TABLE ? List.of() : "";
        }
        if (field.type() == FieldType.TABLE && value instanceof List<?> rows) {
            List<Map<String, Object>> plainRows = new java.util.ArrayList<>();
            for (Object row : rows) {
                Map<String, Object> cells = new LinkedHashMap<>();
                for (FieldSpec column : field.columns()) {
                    cells.put(column.name(), plain(((Map<?, ?>) row).get(column.name()), column, language));
                }
                plainRows.add(cells);
            }
            return plainRows;
        }
        if (value instanceof LocalDate date) {
            return format(date);
        }
        if (value instanceof Boolean yes) {
            return yes ? "Ja" : "da".equals(language) ? "Nej" : "Nei";
        }
        return value;
    }

    private static String format(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }
}
