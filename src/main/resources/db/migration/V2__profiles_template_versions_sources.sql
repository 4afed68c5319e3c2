-- Organisation profile: the texts a provider changes without touching a template (practical
-- information, vision, values, rights and duties, work rules, contacts). One JSON document each.
CREATE TABLE organisation_profiles (
    organisation_id  TEXT PRIMARY KEY REFERENCES organisations (id),
    profile_json     TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
);

-- Template versions uploaded by a leader (shipped versions live in templates/ and the jar).
-- Global to the installation: templates hold no personal data.
CREATE TABLE template_versions (
    template_id     TEXT NOT NULL,
    version         INTEGER NOT NULL,
    manifest_yaml   TEXT NOT NULL,
    xhtml_json      TEXT NOT NULL,  -- {"nb": "...", "da": "..."}
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    uploaded_by     TEXT NOT NULL,
    uploaded_at     TEXT NOT NULL,
    PRIMARY KEY (template_id, version)
);

-- The filled XHTML a generated version was rendered from, encrypted like the PDF, so an editable
-- DOCX can be made from exactly the same content later. Null for uploaded files.
ALTER TABLE document_versions ADD COLUMN source_blob_id TEXT;
ALTER TABLE document_versions ADD COLUMN source_wrapped_key BLOB;
