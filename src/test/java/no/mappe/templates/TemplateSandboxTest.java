package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.mappe.errors.RenderRefused;
import no.mappe.errors.TemplateInvalid;
import no.mappe.testing.InMemoryResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The template engine offers only what templates need, refuses the rest by name when a template
 * is compiled (so at upload), and keeps every fill within its time, loop, output and stack budget.
 */
class TemplateSandboxTest {

    private final TemplateCatalogue catalogue = TemplateCatalogue.load(new InMemoryResources(Map.of(
            "catalogue.yaml", "partials: [frame]\ntemplates: [t]\n",
            "_partials/frame.xhtml", "[{% block body %}{% endblock %}]",
            "t/manifest.yaml", """
                    id: t
                    version: 1
                    documentType: consent
                    title: {nb: Tittel}
                    languages: [nb]
                    accessLevel: 3
                    fields:
                      - {name: note, type: text, label: {nb: Merknad}}
                      - {name: items, type: list, label: {nb: Punkter}, maxItems: 20}
                    """,
            "t/nb.xhtml", "unused")));
    private final TemplateFiller filler = new TemplateFiller(catalogue);
    private int nextVersion = 2;

    @Test
    void autoescapeCannotBeSwitchedOffAndRawIsNotThere() {
        Map<String, Object> hostile = Map.of("note", "<script>alert(1)</script>");
        assertThatThrownBy(() -> fill("{% autoescape false %}{{ fields.note }}{% endautoescape %}", hostile))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining("the tag 'autoescape'");
        assertThatThrownBy(() -> fill("{{ fields.note | raw }}", hostile))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining("the filter 'raw'");
        assertThatThrownBy(() -> fill("{{ fields.note | escape(strategy='js') }}", hostile))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining("the filter 'escape'");
        assertThat(fill("{{ fields.note }}", hostile)).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", value = {
        "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }} => the tag 'macro'",
        "{% import 'frame' %} => the tag 'import'",
        "{% from 'frame' import x %} => the tag 'from'",
        "{% embed 'frame' %}{% endembed %} => the tag 'embed'",
        "{% parallel %}x{% endparallel %} => the tag 'parallel'",
        "{% cache 'k' %}x{% endcache %} => the tag 'cache'",
        "{% filter upper %}x{% endfilter %} => the tag 'filter'",
        "{{ i18n('messages', 'key') }} => the function 'i18n'",
        "{{ max(1, 2) }} => the function 'max'",
        "{% block b %}x{% endblock %}{{ block('b') }} => the function 'block()'",
        "{% for i in fields.items %}{{ loop.class }}{% endfor %} => loop.class",
        "{% for i in fields.items %}{{ loop['class'] }}{% endfor %} => loop.class",
        "{{ participant.name.bytes() }} => calls a method",
        "{% set x = participant %}{% include x %} => a name computed when the template runs",
        "{% include fields.note %} => a name computed when the template runs",
        "{% include 'frame' with {'x': participant.name.bytes()} %} => include ... with",
        "{% extends fields.note %} => a name computed when the template runs",
        "{% for i in 0..3 %}{% endfor %} => cannot be compiled",
        "{{ 'a' ~ fields.note }} => [~]",
        "{{ [1, 2] }} => a list literal",
        "{{ fields.note | upper }} => the filter 'upper'",
        "{% if fields.note is odd %}{% endif %} => the test 'odd'",
    })
    void constructsTemplatesDoNotNeedAreRefusedByName(String source, String named) {
        assertThatThrownBy(() -> fill(source, Map.of("items", List.of("a", "b"))))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining(named);
    }

    @Test
    void anotherTemplateCannotBeIncludedByItsEngineName() {
        TemplateCatalogue.Template other = register("<p>Et annet dokument: {{ participant.name }}</p>");
        assertThatThrownBy(() -> fill("{% include '" + other.sourceName("nb") + "' %}", Map.of()))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining("only the shared partials");
    }

    @Test
    void aDiscardedCandidateLeavesNoSourceAndNoCompiledCopy() {
        TemplateManifest manifest = new TemplateManifest("t", 99, "consent", Map.of("nb", "Tittel"), List.of("nb"), 3, null, List.of(),
                Map.of(), false, false, List.of());
        TemplateCatalogue.Template candidate = new TemplateCatalogue.Template(manifest, Map.of("nb", "<p>kandidat</p>"), "org");
        TemplateCatalogue.Template twin = new TemplateCatalogue.Template(manifest, Map.of("nb", "<p>kandidat</p>"), "org");
        catalogue.stage(candidate);
        catalogue.stage(twin);
        assertThat(filler.fill(candidate, context(Map.of()))).isEqualTo("<p>kandidat</p>");
        catalogue.discard(candidate);
        assertThat(filler.fill(twin, context(Map.of()))).as("still held by the other upload").isEqualTo("<p>kandidat</p>");
        catalogue.discard(twin);
        assertThat(catalogue.source(candidate.sourceName("nb"))).isEmpty();
        assertThat(catalogue.find("org", "t", 99)).isEmpty();
        // Were the compiled copy still cached, this fill would succeed.
        assertThatThrownBy(() -> filler.fill(candidate, context(Map.of()))).hasStackTraceContaining("There is no template or partial");
    }

    @Test
    void loopOffersOnlyItsOwnGettersEvenUnderAnotherName() {
        assertThat(fill("{% for i in fields.items %}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }} {% endfor %}",
                Map.of("items", List.of("a", "b")))).isEqualTo("0truefalse2 1falsetrue2 ");
        // The static check cannot follow an alias; the method access validator still refuses getClass.
        assertThatThrownBy(() -> fill("{% for i in fields.items %}{% set l = loop %}{{ l.class }}{% endfor %}",
                Map.of("items", List.of("a")))).hasStackTraceContaining("getClass");
    }

    @Test
    void aHugeRangeIsRefusedAtOnceInsteadOfFillingTheHeap() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() ->
                fill("{% for i in range(0, 300000000) %}{% endfor %}", Map.of()))
                .isInstanceOf(RenderRefused.class).hasMessageContaining("range(0, 300000000)").hasMessageContaining("at most"));
        assertThat(fill("{% for i in range(0, 2) %}{{ i + 1 }}{% endfor %}", Map.of())).isEqualTo("123");
    }

    @Test
    void nestedLoopsStopAtTheLoopBudget() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> fill(
                "{% for i in range(0, 9999) %}{% for j in range(0, 9999) %}{% endfor %}{% endfor %}", Map.of()))
                .isInstanceOf(RenderRefused.class).hasMessageContaining("loop budget"));
    }

    @Test
    void aFillStopsAtItsTimeBudget() {
        TemplateFiller hurried = new TemplateFiller(catalogue, new RenderBudget.Limits(Duration.ofMillis(300), Long.MAX_VALUE,
                1_000_000, 4L * 1024 * 1024));
        TemplateCatalogue.Template endless = register("{% for a in range(0, 9999) %}{% for b in range(0, 9999) %}{% for c in"
                + " range(0, 9999) %}{% endfor %}{% endfor %}{% endfor %}");
        long start = System.nanoTime();
        assertThatThrownBy(() -> hurried.fill(endless, context(Map.of())))
                .isInstanceOf(RenderRefused.class).hasMessageContaining("time budget");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aFillStopsAtItsOutputBudget() {
        TemplateFiller small = new TemplateFiller(catalogue, new RenderBudget.Limits(Duration.ofSeconds(5), 200_000, 10_000,
                4L * 1024 * 1024));
        TemplateCatalogue.Template large = register("{% for i in range(0, 9999) %}<p>{{ participant.name }}</p>{% endfor %}");
        assertThatThrownBy(() -> small.fill(large, context(Map.of())))
                .isInstanceOf(RenderRefused.class).hasMessageContaining("output budget");
    }

    @Test
    void textsCannotBeDoubledUntilTheHeapIsGone() {
        assertThatThrownBy(() -> fill("{% set s = participant.name %}{% for i in range(0, 60) %}{% set s = s + s %}{% endfor %}{{ s }}",
                Map.of())).hasStackTraceContaining("adds numbers only");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        assertThatThrownBy(() -> fill("{% if true %}".repeat(60) + "x" + "{% endif %}".repeat(60), Map.of()))
                .isInstanceOf(TemplateInvalid.class).hasMessageContaining("levels deep");
        // So deep that the parser itself runs out of stack: that is the recursion budget, refused like the others.
        int depth = 20_000;
        assertThatThrownBy(() -> fill("{% if true %}".repeat(depth) + "x" + "{% endif %}".repeat(depth), Map.of()))
                .isInstanceOf(no.mappe.errors.MappeException.class).hasMessageContaining("deep");
    }

    @Test
    void theShippedTemplatesNeedNothingTheSandboxRefuses() {
        TemplateCatalogue shipped = TemplateCatalogue.load(no.mappe.config.Resources.fromClasspath("templates"));
        TemplateFiller shippedFiller = new TemplateFiller(shipped);
        for (TemplateCatalogue.Template template : shipped.shipped()) {
            for (String language : template.manifest().languages()) {
                String profile = "da".equals(language) ? "/demo/profile-vestera.yaml" : "/demo/profile-lysheim.yaml";
                RenderContext context = new RenderContext(language, "Lysheim Arbeid AS", "Åse Bjørnstad", LocalDate.of(1990, 4, 5),
                        "AFT", "AFT", LocalDate.of(2026, 1, 1), "Øystein", LocalDate.of(2026, 11, 23),
                        no.mappe.security.ProfileService.templateView(no.mappe.demo.DemoData.profile(profile)),
                        FieldValidator.validate(template.manifest(), SampleData.withRows(template.manifest(), 15)));
                String filled = shippedFiller.fill(template, context);
                if (!template.manifest().id().equals("meeting-minutes")) { // the organisation's own minutes name no participant
                    assertThat(filled).as(template.manifest().id() + " " + language).contains("Åse Bjørnstad");
                }
            }
        }
    }

    private String fill(String source, Map<String, Object> fields) {
        return filler.fill(register(source), context(fields));
    }

    /** Registers the source as a new version of template t, as an upload would. */
    private TemplateCatalogue.Template register(String source) {
        TemplateManifest manifest = new TemplateManifest("t", nextVersion++, "consent", Map.of("nb", "Tittel"), List.of("nb"), 3,
                null, List.of(), Map.of(), false, false, List.of(
                        new FieldSpec("note", FieldType.TEXT, false, Map.of("nb", "Merknad"), 200, 0, List.of()),
                        new FieldSpec("items", FieldType.LIST, false, Map.of("nb", "Punkter"), 200, 20, List.of())));
        TemplateCatalogue.Template template = new TemplateCatalogue.Template(manifest, Map.of("nb", source), "org");
        catalogue.register(template);
        return template;
    }

    private static RenderContext context(Map<String, Object> fields) {
        return new RenderContext("nb", "Lysheim Arbeid AS", "Åse Bjørnstad", LocalDate.of(1990, 4, 5), "AFT",
                "arbeidsforberedende trening (AFT)", LocalDate.of(2026, 1, 1), "Øystein", LocalDate.of(2026, 11, 23), Map.of(), fields);
    }
}
