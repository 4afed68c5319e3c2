package no.mappe.config;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import no.mappe.errors.StartupRefused;

/**
 * Where document text is searched ({@code MAPPE_SEARCH}): a Lucene index in the data directory (the
 * default, one per node), or an OpenSearch cluster that every node shares.
 */
public sealed interface SearchLocation {

    /** {@code index/} in the data directory. */
    record LocalIndex() implements SearchLocation {
    }

    /**
     * An OpenSearch cluster (2.x), reached over HTTP(S).
     *
     * @param url      the address of the cluster's REST API (a node or a load balancer in front of them)
     * @param index    the name the installation's index starts with (MAPPE_SEARCH_INDEX, default "mappe"): several
     *                 installations can share a cluster
     * @param user     MAPPE_SEARCH_USER, for a cluster with its security plugin on (HTTP basic authentication)
     * @param password MAPPE_SEARCH_PASSWORD
     */
    record OpenSearch(URI url, String index, Optional<String> user, Optional<String> password) implements SearchLocation {

        @Override
        public String toString() { // the password never reaches a log line
            return url + " (index " + index + ")" + user.map(name -> " as " + name).orElse("");
        }
    }

    String FORMAT = "MAPPE_SEARCH is 'lucene' (the default: an index in the data directory) or the http(s):// address of an"
            + " OpenSearch cluster, with MAPPE_SEARCH_INDEX, MAPPE_SEARCH_USER and MAPPE_SEARCH_PASSWORD beside it";
    Pattern CLUSTER = Pattern.compile("https?://[^/?#@\\s]+/?");
    Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,60}");

    /** Reads MAPPE_SEARCH and the settings beside it; refuses the start with a message that says what is wrong. */
    static SearchLocation parse(Optional<String> value, Optional<String> index, Optional<String> user, Optional<String> password) {
        if (value.isEmpty() || value.get().equals("lucene")) {
            if (index.isPresent() || user.isPresent() || password.isPresent()) {
                throw new StartupRefused("MAPPE_SEARCH_INDEX, _USER or _PASSWORD is set but MAPPE_SEARCH names no cluster. " + FORMAT);
            }
            return new LocalIndex();
        }
        String url = value.get().strip();
        if (!CLUSTER.matcher(url).matches()) {
            // No user:password@ in the address: it is printed in logs and start-up messages.
            throw new StartupRefused(FORMAT + "; it was " + url.replaceAll("//[^/]*@", "//...@"));
        }
        String name = index.orElse("mappe");
        if (!INDEX_NAME.matcher(name).matches()) {
            throw new StartupRefused("MAPPE_SEARCH_INDEX must be lower-case letters, digits, - and _ (at most 61), was " + name);
        }
        return new OpenSearch(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url), name, user, password);
    }
}
