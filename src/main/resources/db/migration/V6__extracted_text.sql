-- The text Tika or OCR read from an uploaded file or a scanned signed copy, encrypted in its own
-- blob like the content, so that rebuilding the index never has to read the files again and never
-- loses the words of a scan. Shredded with the version.
ALTER TABLE document_versions ADD COLUMN text_blob_id TEXT;
ALTER TABLE document_versions ADD COLUMN text_wrapped_key BLOB;
