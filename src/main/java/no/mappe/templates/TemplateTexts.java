package no.mappe.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.errors.TemplateInvalid;
import no.mappe.security.Caller;
import no.mappe.security.ProfileService;

/**
 * A template's texts for a leader to edit without touching XHTML: each paragraph, heading and list
 * item that holds only text and placeholders becomes one text box, the placeholders ({@code {{ ... }}}
 * and {@code {% ... %}}) shown as numbered tokens {@code {1}}, {@code {2}} that must all stay. A save
 * writes the edited texts back into the source of the version they were read from and adds the next
 * version through {@link TemplateVersions#upload}, so every check of a raw upload still applies.
 */
public final class TemplateTexts {

    /** A paragraph, heading or list item with only text and template tags inside (no nested elements). */
    private static final Pattern BLOCK = Pattern.compile("<(p|h[1-6]|li)(\\s[^>]*)?>([^<]*)</\\1>");
    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("\\{(\\d{1,3})}");
    private static final Pattern MANIFEST_VERSION = Pattern.compile("(?m)^version:\\s*\\d+\\s*$");
    private static final int MAX_TEXT = 4_000;

    private final TemplateCatalogue catalogue;
    private final TemplateVersions versions;
    private final TemplateValidator validator;
    private final ProfileService profiles;

    public TemplateTexts(TemplateCatalogue catalogue, TemplateVersions versions, TemplateValidator validator, ProfileService profiles) {
        this.catalogue = catalogue;
        this.versions = versions;
        this.validator = validator;
        this.profiles = profiles;
    }

    /** One placeholder of a block: its token in the text box and the template expression it stands for. */
    public record Placeholder(String token, String expression) {
    }

    /** One editable text block: its number in the source, the text with tokens, and the placeholders. */
    public record Block(int index, String element, String text, List<Placeholder> placeholders) {
    }

    /** The editable texts of one language of one version. */
    public record Texts(String templateId, int version, String language, List<Block> blocks) {
    }

    /** The texts of the caller's organisation's latest version of the template in one language. */
    public Texts texts(Caller caller, String templateId, String language) {
        TemplateCatalogue.Template template = catalogue.find(caller.organisationId(), templateId)
                .orElseThrow(() -> new NotFound("Template " + templateId));
        String chosen = languageOf(template, language);
        return new Texts(templateId, template.manifest().version(), chosen, blocks(template.xhtmlByLanguage().get(chosen)));
    }

    /** Adds the next version with the edited texts (block index to text with tokens); refused (409) if the version is not the latest. */
    public TemplateManifest save(Caller caller, String templateId, String language, int version, Map<Integer, String> edits) {
        Candidate candidate = candidate(caller, templateId, language, version, edits);
        return versions.upload(caller, templateId, new TemplateVersions.Upload(candidate.manifestYaml(),
                candidate.template().xhtmlByLanguage()));
    }

    /** The PDF the edited texts would make with sample data; nothing is saved. The source passes the raw upload's static checks first. */
    public byte[] preview(Caller caller, String templateId, String language, int version, Map<Integer, String> edits) {
        Candidate candidate = candidate(caller, templateId, language, version, edits);
        TemplateCatalogue.Template template = candidate.template();
        validator.checkSource(template.manifest(), candidate.language(), template.xhtmlByLanguage().get(candidate.language()));
        catalogue.stage(template);
        try {
            return validator.renderSample(template, candidate.language(), profiles.forTemplates(caller.organisationId()));
        } finally {
            catalogue.discard(template);
        }
    }

    private record Candidate(TemplateCatalogue.Template template, String manifestYaml, String language) {
    }

    private Candidate candidate(Caller caller, String templateId, String language, int version, Map<Integer, String> edits) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can add template versions");
        }
        TemplateCatalogue.Template base = catalogue.find(caller.organisationId(), templateId, version)
                .orElseThrow(() -> new NotFound("Version " + version + " of template " + templateId));
        String chosen = languageOf(base, language);
        String edited = apply(base.xhtmlByLanguage().get(chosen), edits);
        Map<String, String> xhtml = new LinkedHashMap<>(base.xhtmlByLanguage());
        xhtml.put(chosen, edited);
        String yaml = versions.manifestSource(caller.organisationId(), templateId, version);
        if (!MANIFEST_VERSION.matcher(yaml).find()) {
            throw new TemplateInvalid("manifest: has no 'version:' line to count on from");
        }
        String next = MANIFEST_VERSION.matcher(yaml).replaceFirst("version: " + (version + 1));
        TemplateManifest manifest = ManifestReader.read(next, "manifest");
        return new Candidate(new TemplateCatalogue.Template(manifest, Map.copyOf(xhtml), caller.organisationId()), next, chosen);
    }

    private static String languageOf(TemplateCatalogue.Template template, String language) {
        List<String> languages = template.manifest().languages();
        return language != null && languages.contains(language) ? language : languages.get(0);
    }

    /** The editable blocks of a source: those with some text of their own besides placeholders. */
    static List<Block> blocks(String source) {
        List<Block> blocks = new ArrayList<>();
        Matcher match = BLOCK.matcher(source);
        int index = 0;
        while (match.find()) {
            String inner = match.group(3);
            if (TAG.matcher(inner).replaceAll("").chars().anyMatch(Character::isLetter)) {
                blocks.add(tokenised(index, match.group(1), inner));
            }
            index++;
        }
        return blocks;
    }

    private static Block tokenised(int index, String element, String inner) {
        List<Placeholder> placeholders = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Matcher tags = TAG.matcher(inner);
        int last = 0;
        while (tags.find()) {
            text.append(unescape(inner.substring(last, tags.start())));
            String token = "{" + (placeholders.size() + 1) + "}";
            placeholders.add(new Placeholder(token, tags.group()));
            text.append(token);
            last = tags.end();
        }
        text.append(unescape(inner.substring(last)));
        return new Block(index, element, text.toString().replaceAll("\\s+", " ").strip(), List.copyOf(placeholders));
    }

    /**
     * The source with the edited blocks written back; unchanged blocks stay byte for byte. Every
     * block's tokens must all be there, once each, and no other braces, so a placeholder can be
     * moved but never broken, lost or made up.
     */
    static String apply(String source, Map<Integer, String> edits) {
        Map<Integer, Block> editable = new LinkedHashMap<>();
        blocks(source).forEach(block -> editable.put(block.index(), block));
        List<InvalidFields.FieldError> errors = new ArrayList<>();
        edits.forEach((index, text) -> {
            if (!editable.containsKey(index)) {
                errors.add(new InvalidFields.FieldError("blocks." + index, "is not an editable text of this template"));
            } else {
                problem(editable.get(index), text).ifPresent(p -> errors.add(new InvalidFields.FieldError("blocks." + index, p)));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        StringBuilder out = new StringBuilder();
        Matcher match = BLOCK.matcher(source);
        int index = 0;
        while (match.find()) {
            Block block = editable.get(index);
            String edit = edits.get(index);
            String replacement = match.group();
            if (block != null && edit != null && !edit.replaceAll("\\s+", " ").strip().equals(block.text())) {
                replacement = "<" + match.group(1) + (match.group(2) == null ? "" : match.group(2)) + ">"
                        + restored(block, edit.replaceAll("\\s+", " ").strip()) + "</" + match.group(1) + ">";
            }
            match.appendReplacement(out, Matcher.quoteReplacement(replacement));
            index++;
        }
        match.appendTail(out);
        return out.toString();
    }

    private static Optional<String> problem(Block block, String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            return Optional.of("must be at most " + MAX_TEXT + " characters");
        }
        String withoutTokens = TOKEN.matcher(text).replaceAll("");
        if (withoutTokens.contains("{") || withoutTokens.contains("}")) {
            return Optional.of("may not contain { or } except the placeholders {1}, {2}, ...");
        }
        List<String> found = new ArrayList<>();
        Matcher tokens = TOKEN.matcher(text);
        while (tokens.find()) {
            found.add(tokens.group());
        }
        List<String> expected = block.placeholders().stream().map(Placeholder::token).toList();
        for (String token : expected) {
            long times = found.stream().filter(token::equals).count();
            if (times != 1) {
                return Optional.of(times == 0 ? "lost the placeholder " + token : "has the placeholder " + token + " more than once");
            }
        }
        return found.stream().filter(token -> !expected.contains(token)).findFirst()
                .map(token -> "has the placeholder " + token + ", which this text does not have");
    }

    /** The edited text with each token back as its template tag and the rest escaped for XHTML. */
    private static String restored(Block block, String text) {
        StringBuilder out = new StringBuilder();
        Matcher tokens = TOKEN.matcher(text);
        int last = 0;
        while (tokens.find()) {
            out.append(escape(text.substring(last, tokens.start())));
            int number = Integer.parseInt(tokens.group(1));
            out.append(block.placeholders().get(number - 1).expression());
            last = tokens.end();
        }
        out.append(escape(text.substring(last)));
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#160;", "\u00a0")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }
}
