package no.mappe.templates;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.Reader;
import java.io.StringReader;

/**
 * The only place the template engine can load from: template versions and shared partials of the
 * catalogue, by name. There is no file system or class path behind it, so {@code include} and
 * {@code extends} cannot reach anything else.
 */
final class CatalogueLoader implements Loader<String> {

    private final TemplateCatalogue catalogue;

    CatalogueLoader(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Reader getReader(String name) {
        return new StringReader(catalogue.source(name)
                .orElseThrow(() -> new LoaderException(null, "There is no template or partial named '" + name + "'")));
    }

    @Override
    public void setCharset(String charset) {
        // sources are strings already
    }

    @Override
    public void setPrefix(String prefix) {
        // names are catalogue names, not paths
    }

    @Override
    public void setSuffix(String suffix) {
        // names are catalogue names, not paths
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return relativePath;
    }

    @Override
    public String createCacheKey(String templateName) {
        return templateName;
    }

    @Override
    public boolean resourceExists(String templateName) {
        return catalogue.source(templateName).isPresent();
    }
}
