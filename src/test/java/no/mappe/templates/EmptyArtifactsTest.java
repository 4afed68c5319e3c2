package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.mappe.templates.PdfRenderer.Shortcut;
import no.mappe.testing.PdfChecks;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

class EmptyArtifactsTest {

    @Test
    void emptyArtifactSequencesGoWithTheirPropertyListsAndNothingElseChanges() throws IOException {
        String content = """
                /Artifact /Prop1 BDC
                EMC
                /Artifact /Prop2 BDC
                0 0 m 10 10 l S
                EMC
                /Artifact /Prop3 BDC
                /Artifact /Prop4 BDC
                EMC
                EMC
                /Span <</MCID 0>> BDC
                EMC
                /Artifact BMC
                EMC
                BT /F1 12 Tf (a \\) /Artifact /Prop5 BDC
                EMC
                ) Tj ET
                /Artifact /Prop6 BDC
                EMC
                /Artifact /Prop6 BDC
                1 0 0 rg 0 0 5 5 re f
                EMC
                % /Artifact /Prop7 BDC EMC
                BI /W 20 /H 1 /CS /G /BPC 8 ID /Artifact BMC
                EMC
                \s\s
                EI
                """;
        try (PDDocument document = new PDDocument()) {
            COSDictionary properties = properties("Prop1", "Prop2", "Prop3", "Prop4", "Prop5", "Prop6", "Prop7");
            PDPage page = page(document, properties, content);

            // Prop1, Prop4 then the Prop3 around it, the list-less artifact, the first Prop6.
            assertThat(EmptyArtifacts.removeFrom(document)).isEqualTo(5);

            assertThat(decoded(page)).isEqualTo("""
                    /Artifact /Prop2 BDC
                    0 0 m 10 10 l S
                    EMC
                    /Span <</MCID 0>> BDC
                    EMC
                    BT /F1 12 Tf (a \\) /Artifact /Prop5 BDC
                    EMC
                    ) Tj ET
                    /Artifact /Prop6 BDC
                    1 0 0 rg 0 0 5 5 re f
                    EMC
                    % /Artifact /Prop7 BDC EMC
                    BI /W 20 /H 1 /CS /G /BPC 8 ID /Artifact BMC
                    EMC
                    \s\s
                    EI
                    """);
            // Prop6 is still used by its second sequence; Prop5 and Prop7 were only ever in a string and a comment.
            assertThat(names(properties)).containsExactlyInAnyOrder("Prop2", "Prop5", "Prop6", "Prop7");
        }
    }

    @Test
    void aPropertyListStaysWhileAnyPageUsesItOrItsNameIsWrittenWithEscapes() throws IOException {
        try (PDDocument document = new PDDocument()) {
            COSDictionary shared = properties("Prop1", "Prop2");
            PDPage first = page(document, shared, "/Artifact /Prop1 BDC\nEMC\n/Artifact /Prop2 BDC\nEMC\n");
            PDPage second = page(document, shared, "/Artifact /Prop1 BDC\n0 0 m 1 1 l S\nEMC\n");
            COSDictionary own = properties("Prop1");
            PDPage third = page(document, own, "/Artifact /Prop1 BDC\nEMC\n/Artifact /Pro#701 BDC\n0 0 m 1 1 l S\nEMC\n");

            assertThat(EmptyArtifacts.removeFrom(document)).isEqualTo(3);

            assertThat(decoded(first)).isEmpty();
            assertThat(decoded(second)).isEqualTo("/Artifact /Prop1 BDC\n0 0 m 1 1 l S\nEMC\n");
            assertThat(decoded(third)).isEqualTo("/Artifact /Pro#701 BDC\n0 0 m 1 1 l S\nEMC\n");
            assertThat(names(shared)).containsExactly("Prop1");
            assertThat(names(own)).containsExactly("Prop1");
        }
    }

    /** veraPDF checks the same documents for PDF/A-2u and PDF/UA-1 in {@code CatalogueRenderingTest}. */
    @Test
    void everyShippedTemplateDrawsAndTagsTheSamePagesWithFewerObjects() throws IOException {
        PdfRenderer dropping = new PdfRenderer(1, Duration.ofSeconds(30), Shortcut.all());
        PdfRenderer keeping = new PdfRenderer(1, Duration.ofSeconds(30), Shortcut.allBut(Shortcut.DROPS_EMPTY_ARTIFACTS));
        List<ShippedSamples.FilledTemplate> templates = ShippedSamples.filledTemplates();
        for (int sample = 0; sample < templates.size(); sample++) {
            ShippedSamples.FilledTemplate template = templates.get(sample);
            String what = template.id() + " (sample " + (sample + 1) + ")";
            byte[] dropped = dropping.render(template.xhtml(), template.id());
            byte[] kept = keeping.render(template.xhtml(), template.id());
            try (PDDocument after = Loader.loadPDF(dropped); PDDocument before = Loader.loadPDF(kept)) {
                assertThat(after.getNumberOfPages()).as(what).isEqualTo(before.getNumberOfPages());
                PDFRenderer drawnAfter = new PDFRenderer(after);
                PDFRenderer drawnBefore = new PDFRenderer(before);
                for (int index = 0; index < after.getNumberOfPages(); index++) {
                    PDPage page = after.getPage(index);
                    List<Object> tokensAfter = new PDFStreamParser(page).parse();
                    List<Object> tokensBefore = new PDFStreamParser(before.getPage(index)).parse();
                    assertThat(Arrays.equals(pixels(drawnAfter.renderImage(index, 0.75f)), pixels(drawnBefore.renderImage(index, 0.75f))))
                            .as("%s page %d drawn alike", what, index + 1).isTrue();
                    assertThat(taggedContent(tokensAfter)).as("%s page %d tagged content", what, index + 1)
                            .isEqualTo(taggedContent(tokensBefore));
                    assertThat(emptyArtifacts(tokensAfter)).as("%s page %d", what, index + 1).isZero();
                    // When openhtmltopdf stops writing empty artifacts, this fails: the step is then no longer needed.
                    assertThat(emptyArtifacts(tokensBefore)).as("openhtmltopdf's own, %s page %d", what, index + 1).isPositive();
                    assertThat(propertyNamesUsed(tokensAfter)).as("%s page %d property lists", what, index + 1)
                            .isEqualTo(names(page.getResources().getCOSObject().getCOSDictionary(COSName.PROPERTIES)));
                }
                assertThat(after.getDocument().getXrefTable().size()).as(what).isLessThan(before.getDocument().getXrefTable().size());
            }
            assertThat(PdfChecks.text(dropped)).as(what).isEqualTo(PdfChecks.text(kept));
            assertThat(dropped.length).as(what).isLessThan(kept.length);
        }
    }

    private static COSDictionary properties(String... names) {
        COSDictionary properties = new COSDictionary();
        for (String name : names) {
            COSDictionary list = new COSDictionary();
            list.setItem(COSName.TYPE, COSName.getPDFName("Background"));
            properties.setItem(COSName.getPDFName(name), list);
        }
        return properties;
    }

    private static PDPage page(PDDocument document, COSDictionary properties, String content) throws IOException {
        PDPage page = new PDPage();
        PDResources resources = new PDResources();
        resources.getCOSObject().setItem(COSName.PROPERTIES, properties);
        page.setResources(resources);
        PDStream stream = new PDStream(document);
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(content.getBytes(StandardCharsets.ISO_8859_1));
        }
        page.setContents(stream);
        document.addPage(page);
        return page;
    }

    private static String decoded(PDPage page) throws IOException {
        try (InputStream in = page.getContents()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Set<String> names(COSDictionary dictionary) {
        Set<String> names = new HashSet<>();
        if (dictionary != null) {
            dictionary.keySet().forEach(name -> names.add(name.getName()));
        }
        return names;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The page's marked-content operators, artifacts left out: what the structure tree points at, in order. */
    private static List<String> taggedContent(List<Object> tokens) {
        List<String> tagged = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) instanceof Operator operator && operator.getName().equals("BDC") && !isArtifact(tokens.get(i - 2))) {
                tagged.add(tokens.get(i - 2) + " " + tokens.get(i - 1));
            }
        }
        return tagged;
    }

    private static int emptyArtifacts(List<Object> tokens) {
        int empty = 0;
        for (int i = 2; i + 1 < tokens.size(); i++) {
            if (tokens.get(i) instanceof Operator open && tokens.get(i + 1) instanceof Operator close && close.getName().equals("EMC")
                    && (open.getName().equals("BDC") && isArtifact(tokens.get(i - 2))
                        || open.getName().equals("BMC") && isArtifact(tokens.get(i - 1)))) {
                empty++;
            }
        }
        return empty;
    }

    private static boolean isArtifact(Object token) {
        return token instanceof COSName tag && tag.getName().equals("Artifact");
    }

    private static Set<String> propertyNamesUsed(List<Object> tokens) {
        Set<String> used = new HashSet<>();
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i) instanceof Operator operator && operator.getName().equals("BDC")
                    && tokens.get(i - 1) instanceof COSName name) {
                used.add(name.getName());
            }
        }
        return used;
    }
}
