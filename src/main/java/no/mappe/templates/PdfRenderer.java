package no.mappe.templates;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.simple.extend.XhtmlNamespaceHandler;
import com.openhtmltopdf.util.XRLog;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import no.mappe.errors.ServiceBusy;
import no.mappe.errors.UnableToRenderDocument;
import no.mappe.files.ImagesInMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders filled XHTML to PDF/A-2u with PDF/UA tagging, using only the bundled Noto Sans fonts.
 *
 * <p>Glyph substitution (GSUB) is switched off: it costs about 4x the rendering time in PDFBox and
 * Latin text with æ, ø and å needs none. No external resource is ever fetched: templates cannot
 * reach files or the network through images, stylesheets or fonts. Every document passes the
 * {@link OutputAllowList} first.
 *
 * <p>At most one render per core runs at a time; the others wait their turn (fairly, in order). A
 * render is pure CPU: sixteen at once on two cores finish no sooner than two at a time, but hold
 * sixteen layouts in memory, so the collector works harder and every one of them is slower.
 */
public final class PdfRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(PdfRenderer.class);

    /** The font family templates use in their CSS. */
    public static final String FONT_FAMILY = "Noto Sans";

    private static final String JDK_DOCUMENT_BUILDER_FACTORY = "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl";
    private static final String JDK_TRANSFORMER_FACTORY = "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl";

    private static final List<FontFace> FACES = List.of(
            new FontFace("NotoSans-Regular.ttf", 400, FontStyle.NORMAL),
            new FontFace("NotoSans-Bold.ttf", 700, FontStyle.NORMAL),
            new FontFace("NotoSans-Italic.ttf", 400, FontStyle.ITALIC),
            new FontFace("NotoSans-BoldItalic.ttf", 700, FontStyle.ITALIC));

    /** PDFBox's Flate level for every stream it writes (0-9; zlib's default is 6); an operator may set it as a JVM option. */
    static final String DEFLATE_LEVEL = "org.apache.pdfbox.filter.deflatelevel";

    static {
        // openhtmltopdf logs every render at INFO through java.util.logging; keep warnings only.
        for (String logger : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(logger, Level.WARNING);
        }
        // Level 1: a render takes 10-15% less time, for files 5-8% larger (mostly font subsets, which compress alike at
        // either level): measured on the consent form, progress report, welcome folder and final report, 2026-12-03.
        if (System.getProperty(DEFLATE_LEVEL) == null) {
            System.setProperty(DEFLATE_LEVEL, "1");
        }
        // openhtmltopdf reads every image (the logo, drawn signatures) through ImageIO.
        ImagesInMemory.apply();
    }

    /** How long a render waits for its turn before the request is refused as busy (it is then sent again). */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final BundledFonts fonts;
    private final ParsedStyles styles = new ParsedStyles();
    /** Each face's widths, shared by every render (see {@link SharedWidthsTextRenderer}). */
    private final List<GlyphWidths> widths = FACES.stream().map(face -> new GlyphWidths()).toList();
    private final byte[] colourProfile;
    private final int rendersAtOnce;
    private final Semaphore turns;
    private final Duration longestWait;
    private final Set<Shortcut> shortcuts;

    public PdfRenderer() {
        this(Runtime.getRuntime().availableProcessors(), LONGEST_WAIT);
    }

    PdfRenderer(int rendersAtOnce, Duration longestWait) {
        this(rendersAtOnce, longestWait, Shortcut.all());
    }

    /** Takes fewer shortcuts only in tests that compare the pages with openhtmltopdf's own way. */
    PdfRenderer(int rendersAtOnce, Duration longestWait, Set<Shortcut> shortcuts) {
        this.shortcuts = EnumSet.copyOf(shortcuts);
        this.rendersAtOnce = rendersAtOnce;
        this.turns = new Semaphore(rendersAtOnce, true);
        this.longestWait = longestWait;
        this.fonts = new BundledFonts(FACES.stream().map(face -> "/fonts/" + face.file()).toList());
        this.colourProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    /**
     * Parses the first set of fonts on a thread of its own (about 80 ms): a service calls this once it
     * answers, so that neither its start nor its first document waits for them. A face that cannot be
     * parsed is logged here, and fails every document.
     */
    public void prepareFontsInBackground() {
        Thread.ofPlatform().daemon().name("mappe-fonts").start(() -> {
            try {
                fonts.prepare();
            } catch (RuntimeException e) {
                LOG.error("The bundled fonts cannot be parsed, so no document can be made: the installed jar is damaged", e);
            }
        });
    }

    /** Checks the XHTML against the {@link OutputAllowList} and renders the tree that passed. */
    public byte[] render(String xhtml, String templateId) {
        return render(OutputAllowList.check(xhtml, templateId), templateId);
    }

    /**
     * Renders a parsed tree. Only {@link #render(String, String)} hands it trees that passed the
     * allow-list; even so nothing is loaded from outside (tests give it hostile trees directly).
     */
    byte[] render(org.w3c.dom.Document checked, String templateId) {
        waitForTurn();
        try {
            return renderInTurn(checked, templateId);
        } finally {
            turns.release();
        }
    }

    private void waitForTurn() {
        try {
            if (!turns.tryAcquire(longestWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ServiceBusy("Mappe is making many other documents right now; nothing was stored. Send the same request again in "
                        + "a few seconds.", 5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusy("Mappe is stopping; nothing was stored. Send the same request again in a minute.", 60);
        }
    }

    /** Renders running now (for tests). */
    int rendering() {
        return rendersAtOnce - turns.availablePermits();
    }

    private byte[] renderInTurn(org.w3c.dom.Document checked, String templateId) {
        SignOff.keepSignaturesWithTheirText(checked);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        // The faces are this render's alone until its document is written and closed (see BundledFonts).
        List<TrueTypeFont> faces = fonts.borrow();
        // Like the faces, the stylesheets are this render's alone until its document is written (see ParsedStyles).
        ParsedStyles.Loans stylesheets = styles.forOneDocument();
        try (PDDocument document = new PDDocument()) {
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .usePDDocument(document)
                    .useFastMode()
                    .usePdfAConformance(PdfAConformance.PDFA_2_U)
                    .usePdfUaAccessibility(true)
                    .useColorProfile(colourProfile)
                    .withProducer("Mappe")
                    .useExternalResourceAccessControl(PdfRenderer::allowed, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl(PdfRenderer::allowed, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    // Every URI is resolved to nothing unless it is an embedded PNG, whatever the access control says.
                    .useUriResolver((base, uri) -> OutputAllowList.isEmbeddedPng(uri) ? uri : null)
                    // The JDK's own XML parser and transformer, which refuse external entities; other
                    // implementations a dependency may bring onto the class path cannot be told to.
                    .useDocumentBuilderFactoryImplementationClass(JDK_DOCUMENT_BUILDER_FACTORY)
                    .useTransformerFactoryImplementationClass(JDK_TRANSFORMER_FACTORY)
                    .withW3cDocument(checked, null)
                    // Style elements come parsed, from earlier renders (openhtmltopdf's own handler otherwise)
                    .useNamespaceHandler(shortcuts.contains(Shortcut.REUSES_STYLES) ? stylesheets : new XhtmlNamespaceHandler());
            SharedWidthsTextRenderer measuring = new SharedWidthsTextRenderer(shortcuts.contains(Shortcut.DRAWS_DIRECTLY));
            for (int i = 0; i < FACES.size(); i++) {
                FontFace face = FACES.get(i);
                builder.useFont(new FaceOfThisDocument(document, faces.get(i), widths.get(i), measuring), FONT_FAMILY, face.weight(),
                        face.style(), true);
            }
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.getSharedContext().setTextRenderer(measuring);
                PdfAMetadata.takeOver(renderer);
                renderer.layout();
                // Painted, not saved: the empty artifacts go and the metadata comes in first, so the builder has no output stream.
                renderer.createPDFWithoutClosing();
                if (shortcuts.contains(Shortcut.DROPS_EMPTY_ARTIFACTS)) {
                    EmptyArtifacts.removeFrom(document);
                }
                PdfAMetadata.write(document, checked.getDocumentElement().getAttribute("lang"));
                document.save(out);
            }
        } catch (IOException | RuntimeException e) {
            // The faces are dropped, not given back: a failed render may have left one mid-read.
            throw new UnableToRenderDocument(templateId, e);
        }
        fonts.giveBack(faces);
        stylesheets.giveBack();
        return out.toByteArray();
    }

    /** Only embedded PNG images (the organisation logo, drawn signatures) are ever loaded; nothing from files or the network. */
    private static boolean allowed(String uri, ExternalResourceType type) {
        return type == ExternalResourceType.IMAGE_RASTER && OutputAllowList.isEmbeddedPng(uri);
    }

    /**
     * A face as a font of one document, embedding only the glyphs the document uses. openhtmltopdf asks
     * for it when text first needs the face, so a document without italics never loads the italic faces.
     */
    private static final class FaceOfThisDocument extends PDFontSupplier {

        private final PDDocument document;
        private final TrueTypeFont face;
        private final GlyphWidths widths;
        private final SharedWidthsTextRenderer measuring;
        private PDType0Font font;

        FaceOfThisDocument(PDDocument document, TrueTypeFont face, GlyphWidths widths, SharedWidthsTextRenderer measuring) {
            super(null);
            this.document = document;
            this.face = face;
            this.widths = widths;
            this.measuring = measuring;
        }

        @Override
        public PDType0Font supply() {
            if (font == null) {
                try {
                    font = PDType0Font.load(document, face, true);
                    measuring.measure(font, widths);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("A bundled font could not be added to the document", e);
                }
            }
            return font;
        }
    }

    /** What the renderer does beyond openhtmltopdf's own way; tests compare the pages with and without each. */
    enum Shortcut {
        /** See {@link SharedWidthsTextRenderer}. */
        DRAWS_DIRECTLY,
        /** See {@link ParsedStyles}. */
        REUSES_STYLES,
        /** See {@link EmptyArtifacts}. */
        DROPS_EMPTY_ARTIFACTS;

        static Set<Shortcut> all() {
            return EnumSet.allOf(Shortcut.class);
        }

        static Set<Shortcut> allBut(Shortcut left) {
            return EnumSet.complementOf(EnumSet.of(left));
        }
    }

    private record FontFace(String file, int weight, FontStyle style) {
    }
}
