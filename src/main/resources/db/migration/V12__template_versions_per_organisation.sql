-- Template versions belong to the organisation that uploaded them: each organisation numbers its
-- own versions after the shipped base, so the key includes the organisation. SQLite cannot change
-- a primary key in place: the table is rebuilt with the same columns and rows.
CREATE TABLE template_versions_by_organisation (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    template_id     TEXT NOT NULL,
    version         INTEGER NOT NULL,
    manifest_yaml   TEXT NOT NULL,
    xhtml_json      TEXT NOT NULL,  -- {"nb": "...", "da": "..."}
    uploaded_by     TEXT NOT NULL,
    uploaded_at     TEXT NOT NULL,
    PRIMARY KEY (organisation_id, template_id, version)
);

INSERT INTO template_versions_by_organisation (organisation_id, template_id, version, manifest_yaml, xhtml_json, uploaded_by,
                                               uploaded_at)
SELECT organisation_id, template_id, version, manifest_yaml, xhtml_json, uploaded_by, uploaded_at FROM template_versions;

DROP TABLE template_versions;
ALTER TABLE template_versions_by_organisation RENAME TO template_versions;
