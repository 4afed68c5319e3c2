package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import no.mappe.errors.RenderRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Neither renderer loads anything from the network or the file system, whatever the XHTML asks
 * for: the allow-list refuses such documents, and even a hostile tree handed to a renderer directly
 * (past the allow-list) makes no request to a listener on this machine and reads no file.
 */
class RenderersLoadNothingTest {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private final PdfRenderer pdf = new PdfRenderer();
    private final DocxRenderer docx = new DocxRenderer();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer listener;
    private String base;

    @BeforeEach
    void listen() throws IOException {
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] answer = "body { color: red; }".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        listener.start();
        base = "http://127.0.0.1:" + listener.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        listener.stop(0);
    }

    /** Everything the renderers could be asked to fetch: stylesheets, imports, fonts, images, objects, a style sheet PI. */
    private String hostile() {
        return "<?xml-stylesheet type=\"text/css\" href=\"" + base + "/pi.css\"?>"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title>"
                + "<link rel=\"stylesheet\" href=\"" + base + "/link.css\" />"
                + "<style>@import url(" + base + "/import.css); @font-face { font-family: X; src: url(" + base + "/font.ttf); }"
                + " body { font-family: X; background-image: url(" + base + "/background.png); }"
                + " li { list-style-image: url(" + base + "/bullet.png); }</style></head><body>"
                + "<p>Tekst</p><ul><li>punkt</li></ul>"
                + "<img src=\"" + base + "/image.png\" alt=\"x\" />"
                + "<img src=\"file:///dev/zero\" alt=\"zero\" />"
                + "<object data=\"" + base + "/object.svg\" type=\"image/svg+xml\">o</object>"
                + "<p style=\"background: url(" + base + "/inline.png)\">y</p>"
                + "<a href=\"" + base + "/link\">lenke</a>"
                + "</body></html>";
    }

    @Test
    void theAllowListRefusesHostileXhtmlBeforeEitherRendererSeesIt() {
        assertThatThrownBy(() -> pdf.render(hostile(), "hostile")).isInstanceOf(RenderRefused.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> docx.render(hostile(), "hostile")).isInstanceOf(RenderRefused.class).hasMessageContaining("allow-list");
        assertThat(requests).isEmpty();
    }

    @Test
    void evenAHostileTreePastTheAllowListMakesNoRequestAndReadsNoFile() {
        pdf.render(XhtmlText.parse(hostile(), "hostile"), "hostile");
        docx.render(XhtmlText.parse(hostile(), "hostile"), "hostile");
        assertThat(requests).as("requests to the local listener").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<img src=\"%s/a.png\" alt=\"x\" />",
        "<img src=\"data:image/svg+xml;base64,PHN2Zy8+\" alt=\"x\" />",
        "<a href=\"%s/a\">x</a>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<p style=\"background: u\\72l(%s/a.png)\">x</p>",
        "<p style=\"background: url /**/ (%s/a.png)\">x</p>",
        "<p onclick=\"x()\">x</p>",
        "<script>x()</script>",
        "<iframe src=\"%s/a\"></iframe>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"%s/a.png\" /></svg>",
        "<p xmlns:x=\"urn:x\" x:href=\"%s/a\">x</p>",
        "<meta http-equiv=\"refresh\" content=\"0; url=%s/a\" />",
        "<style>@IMPORT '%s/a.css';</style>",
        "<base href=\"%s/\" />",
        "<form action=\"%s/a\"><input name=\"x\" /></form>",
    })
    void eachWayOutIsRefused(String body) {
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title></head><body>"
                + body.formatted(base) + "</body></html>";
        assertThatThrownBy(() -> pdf.render(xhtml, "hostile")).isInstanceOf(RenderRefused.class);
        assertThatThrownBy(() -> docx.render(xhtml, "hostile")).isInstanceOf(RenderRefused.class);
        assertThat(requests).isEmpty();
    }

    @Test
    void whatMappeWritesItselfPasses() {
        // A signed version's signature image, a bookmark, an in-document link, CSS without loading anything.
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"nb\" xml:lang=\"nb\"><head><meta charset=\"UTF-8\" />"
                + "<title>T</title><meta name=\"subject\" content=\"T\" /><bookmarks><bookmark name=\"A\" href=\"#a\" /></bookmarks>"
                + "<style>@page { size: A4; @bottom-right { content: counter(page); font-family: 'Noto Sans'; } }"
                + " body { font-family: 'Noto Sans'; } a::after { content: target-counter(attr(href),"
                + " page); } .footer { position: running(footer); }</style></head><body><div class=\"footer\">f</div><h1 id=\"a\">A</h1>"
                + "<p><a href=\"#a\" title=\"A\">til A</a></p><div class=\"signature-slot\" data-signer=\"participant\">"
                + "<img src=\"data:image/png;base64," + PNG + "\" alt=\"Signatur\" class=\"signature-image\""
                + " style=\"height: 13mm; max-width: 60mm;\" /></div><table class=\"grid\"><tr><th scope=\"col\">R</th></tr>"
                + "<tr><td>v</td></tr></table></body></html>";
        assertThat(pdf.render(xhtml, "own")).isNotEmpty();
        assertThat(docx.render(xhtml, "own")).isNotEmpty();
    }
}
