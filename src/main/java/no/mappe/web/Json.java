package no.mappe.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.text.Normalizer;
import java.util.stream.Collectors;
import no.mappe.errors.BadRequest;
import no.mappe.errors.InvalidFields;

/**
 * The one JSON configuration of the API: ISO dates, unknown fields refused, every string
 * NFC-normalised, and parse errors turned into messages that name the field but never echo the
 * value (it may be personal data).
 */
public final class Json {

    private Json() {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("nfc").addDeserializer(String.class, new NfcString())
                        .addKeyDeserializer(String.class, new NfcKey()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Reads a request body, or throws 400 for malformed JSON and 422 for a field of the wrong shape. */
    public static <T> T read(ObjectMapper mapper, byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new BadRequest("The request needs a JSON body");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new BadRequest("The request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw InvalidFields.of(path(e), "is not a known field");
        } catch (JsonMappingException e) {
            if (e.getPath().isEmpty()) {
                throw new BadRequest("The request body must be a JSON object");
            }
            throw InvalidFields.of(path(e), "has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw new BadRequest("The request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new BadRequest("The request body could not be read");
        }
    }

    /**
     * Every string the API reads is NFC-normalised, so "Åse" typed on a Mac (A + combining ring,
     * NFD) and on Windows (one character) is the same name in the database, the index and the
     * queries. Typed and untyped values (maps, lists) both come through here.
     */
    private static final class NfcString extends StdScalarDeserializer<String> {
        NfcString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            return value == null ? null : Normalizer.normalize(value, Normalizer.Form.NFC);
        }
    }

    private static final class NfcKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return Normalizer.normalize(key, Normalizer.Form.NFC);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
