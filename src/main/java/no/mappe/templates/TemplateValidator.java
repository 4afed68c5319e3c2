package no.mappe.templates;

import io.pebbletemplates.pebble.error.PebbleException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.mappe.errors.MappeException;
import no.mappe.errors.TemplateInvalid;

/**
 * Decides whether an uploaded template version may join the catalogue. The sandbox is the real
 * protection: the template engine compiles only what {@link SandboxRules} allow, every fill runs
 * within a {@link RenderBudget}, and every filled document passes the {@link OutputAllowList} before
 * a renderer sees it. The source checks here come first and only make refusals early and friendly
 * (no scripts, external resources, entity declarations or method calls; every {@code fields.x} it
 * prints is declared); then the candidate must compile, fill and render in every language, both with
 * all fields filled and with only the required ones, which runs it through all of the sandbox.
 */
public final class TemplateValidator {

    static final int MAX_XHTML_CHARS = 300_000;

    private static final List<Rule> FORBIDDEN = List.of(
            new Rule(Pattern.compile("<!DOCTYPE|<!ENTITY", Pattern.CASE_INSENSITIVE),
                    "declares a DOCTYPE or entities; templates may not (entity expansion)"),
            new Rule(Pattern.compile("<\\s*(script|iframe|object|embed|applet|link|img|image|svg|math|form|input|base"
                    + "|meta\\s+http-equiv)\\b", Pattern.CASE_INSENSITIVE),
                    "uses an element that loads or runs something (script, link, img, object, ...)"),
            new Rule(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE), "has an event handler attribute (onclick=...)"),
            new Rule(Pattern.compile("(src|href|data|action|xlink:href)\\s*=\\s*[\"']\\s*(?!#)", Pattern.CASE_INSENSITIVE),
                    "refers to an external resource; only in-document links (href=\"#...\") are allowed"),
            new Rule(Pattern.compile("url\\s*\\(|@import|@font-face", Pattern.CASE_INSENSITIVE),
                    "loads something from its CSS (url(), @import or @font-face); use the bundled font 'Noto Sans'"),
            new Rule(Pattern.compile("\\b(javascript|file|https?|ftp|jar):", Pattern.CASE_INSENSITIVE),
                    "contains a URL; templates may not refer to anything outside the document"));

    /** A method call inside a Pebble tag: {@code {{ x.getClass() }}} or {@code {% set y = x.run() %}}. */
    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern METHOD_CALL = Pattern.compile("\\.\\s*[A-Za-z_]\\w*\\s*\\(");
    private static final Pattern FIELD_REFERENCE = Pattern.compile("\\bfields\\.([A-Za-z_]\\w*)");
    private static final Pattern INCLUDE = Pattern.compile("\\{%-?\\s*(include|extends|import|embed|from)\\s+[\"']([^\"']+)[\"']");

    private final TemplateFiller filler;
    private final PdfRenderer renderer;
    private final Set<String> partials;

    public TemplateValidator(TemplateFiller filler, PdfRenderer renderer, Set<String> partials) {
        this.filler = filler;
        this.renderer = renderer;
        this.partials = Set.copyOf(partials);
    }

    /** Static checks of one language's source; throws {@link TemplateInvalid} naming the language and the problem. */
    public void checkSource(TemplateManifest manifest, String language, String source) {
        String where = "xhtml." + language + ": ";
        if (source == null || source.isBlank()) {
            throw new TemplateInvalid(where + "is empty");
        }
        if (source.length() > MAX_XHTML_CHARS) {
            throw new TemplateInvalid(where + "is larger than " + MAX_XHTML_CHARS + " characters");
        }
        for (Rule rule : FORBIDDEN) {
            Matcher match = rule.pattern().matcher(source);
            if (match.find()) {
                throw new TemplateInvalid(where + rule.reason() + " (line " + line(source, match.start()) + ")");
            }
        }
        Matcher tags = TAG.matcher(source);
        while (tags.find()) {
            String body = tags.group(1) != null ? tags.group(1) : tags.group(2);
            if (METHOD_CALL.matcher(body).find()) {
                throw new TemplateInvalid(where + "calls a method in '" + tags.group().strip()
                        + "'; templates may only print values and use filters (line " + line(source, tags.start()) + ")");
            }
        }
        Set<String> declared = manifest.fields().stream().map(FieldSpec::name).collect(Collectors.toSet());
        Matcher fields = FIELD_REFERENCE.matcher(source);
        while (fields.find()) {
            if (!declared.contains(fields.group(1))) {
                throw new TemplateInvalid(where + "uses fields." + fields.group(1) + ", which the manifest does not declare (line "
                        + line(source, fields.start()) + ")");
            }
        }
        Matcher includes = INCLUDE.matcher(source);
        while (includes.find()) {
            if (!partials.contains(includes.group(2))) {
                throw new TemplateInvalid(where + "includes '" + includes.group(2) + "'; only the shared partials " + partials
                        + " can be included");
            }
        }
    }

    /** Fills and renders every language with all fields and with only the required ones. */
    public void checkRendering(TemplateCatalogue.Template template, Map<String, Object> profile) {
        TemplateManifest manifest = template.manifest();
        List<Map<String, Object>> samples = new ArrayList<>(List.of(SampleData.full(manifest), SampleData.requiredOnly(manifest)));
        for (String language : manifest.languages()) {
            for (Map<String, Object> sample : samples) {
                RenderContext context = sampleContext(manifest, language, profile, sample);
                try {
                    String xhtml = filler.fill(template, context);
                    XhtmlText.of(xhtml, manifest.id());
                    renderer.render(xhtml, manifest.id());
                } catch (TemplateInvalid e) {
                    // Refused by the sandbox while compiling: the message names the construct.
                    throw new TemplateInvalid("xhtml." + language + ": " + e.getMessage(), e);
                } catch (MappeException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    // Pebble's own message names the engine's internal template name; the line is what the leader needs.
                    String reason = cause instanceof PebbleException pebble ? pebble.getPebbleMessage()
                            + (pebble.getLineNumber() == null ? "" : " (line " + pebble.getLineNumber() + ")") : cause.getMessage();
                    throw new TemplateInvalid("xhtml." + language + ": does not fill and render with sample data: " + firstLine(reason), e);
                }
            }
        }
    }

    /**
     * The PDF a template makes with sample data (every field filled) and the given profile: the
     * preview of a profile or of template texts before they are saved. Runs the same sandbox,
     * output allow-list and render budget as a real document.
     */
    public byte[] renderSample(TemplateCatalogue.Template template, String language, Map<String, Object> profile) {
        TemplateManifest manifest = template.manifest();
        String xhtml = filler.fill(template, sampleContext(manifest, language, profile, SampleData.full(manifest)));
        XhtmlText.of(xhtml, manifest.id());
        return renderer.render(xhtml, manifest.id());
    }

    private static RenderContext sampleContext(TemplateManifest manifest, String language, Map<String, Object> profile,
                                               Map<String, Object> sample) {
        return new RenderContext(language, "Prøveorganisasjon AS", "Åse Ærø Prøvesen", LocalDate.of(1990, 1, 2),
                "AFT", "arbeidsforberedende trening (AFT)", LocalDate.of(2026, 1, 5), "Øystein Prøve", LocalDate.of(2026, 2, 3),
                profile, FieldValidator.validate(manifest, sample));
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    private record Rule(Pattern pattern, String reason) {
    }
}
