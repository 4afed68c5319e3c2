package no.mappe.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.junit.jupiter.api.Test;

/**
 * The fonts are parsed after the service answers ({@link BundledFonts#prepare}), not while it starts:
 * the set parsed ahead is the one the first document borrows, and a face that cannot be parsed is
 * reported by the preparation, not passed over.
 */
class BundledFontsTest {

    @Test
    void theSetPreparedAheadIsTheOneTheFirstDocumentBorrows() throws Exception {
        BundledFonts fonts = new BundledFonts(List.of("/fonts/NotoSans-Regular.ttf", "/fonts/NotoSans-Bold.ttf"));
        assertThat(fonts.parsed()).as("nothing parsed while the service starts").isZero();
        fonts.prepare();
        assertThat(fonts.parsed()).isEqualTo(1);

        List<TrueTypeFont> first = fonts.borrow();
        assertThat(fonts.parsed()).as("the first document takes the set parsed ahead").isEqualTo(1);
        List<TrueTypeFont> second = fonts.borrow();
        assertThat(fonts.parsed()).as("a second render at the same time gets a set of its own").isEqualTo(2);

        assertThat(first).hasSize(2);
        assertThat(first.get(0).getName()).isEqualTo("NotoSans-Regular");
        assertThat(first.get(1).getName()).isEqualTo("NotoSans-Bold");
        assertThat(second).isNotSameAs(first);
        fonts.giveBack(second);
        fonts.giveBack(first);
    }

    @Test
    void aFaceThatCannotBeParsedFailsThePreparation() {
        BundledFonts fonts = new BundledFonts(List.of("/fonts/NotoSans-Regular.ttf", "/fonts/OFL.txt"));

        assertThatThrownBy(fonts::prepare).isInstanceOf(UncheckedIOException.class).hasMessageContaining("A bundled font cannot be parsed");
    }
}
