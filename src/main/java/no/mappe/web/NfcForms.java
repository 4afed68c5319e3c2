package no.mappe.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The pages' forms get what {@link Json} gives the API: every value NFC-normalised before any
 * handler reads it, so a name typed on a Mac (decomposed) and on Windows is the same text. It
 * rewrites URL-encoded bodies of up to {@link Requests#MAX_JSON_BYTES} (all of the pages' text
 * forms); multipart forms carry only files and fixed choices, and files are stored byte for byte.
 */
final class NfcForms implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && isForm(http)) {
            byte[] body = http.getInputStream().readAllBytes();
            chain.doFilter(new Rewritten(http, normalised(body)), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        long length = request.getContentLengthLong();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && length > 0 && length <= Requests.MAX_JSON_BYTES;
    }

    /** The body with each name and value NFC-normalised; the very same bytes when nothing changes or it does not decode. */
    static byte[] normalised(byte[] body) {
        String form = new String(body, StandardCharsets.ISO_8859_1);
        StringBuilder rewritten = new StringBuilder(form.length());
        boolean changed = false;
        try {
            String[] pairs = form.split("&", -1);
            for (int i = 0; i < pairs.length; i++) {
                String pair = pairs[i];
                if (i > 0) {
                    rewritten.append('&');
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? null : pair.substring(equals + 1);
                String decodedName = URLDecoder.decode(name, StandardCharsets.UTF_8);
                String decodedValue = value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
                boolean normal = Normalizer.isNormalized(decodedName, Normalizer.Form.NFC)
                        && (decodedValue == null || Normalizer.isNormalized(decodedValue, Normalizer.Form.NFC));
                changed |= !normal;
                rewritten.append(normal ? name : encode(decodedName));
                if (value != null) {
                    rewritten.append('=').append(normal ? value : encode(decodedValue));
                }
            }
        } catch (IllegalArgumentException malformed) {
            return body; // the handler reports what is wrong with it, as it would have
        }
        return changed ? rewritten.toString().getBytes(StandardCharsets.ISO_8859_1) : body;
    }

    private static String encode(String text) {
        return URLEncoder.encode(Normalizer.normalize(text, Normalizer.Form.NFC), StandardCharsets.UTF_8);
    }

    /** The request with another body of its own length. */
    private static final class Rewritten extends HttpServletRequestWrapper {
        private final byte[] body;

        Rewritten(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("Form bodies are read blocking");
                }
            };
        }
    }
}
