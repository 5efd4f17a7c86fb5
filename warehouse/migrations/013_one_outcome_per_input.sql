-- Inputs that earlier versions left with two outcomes at once, which no run put right: a file's document
-- `loaded` or `duplicate` beside a `read` reject under the same id (filed while the named file was missing
-- or could not be opened, or when it was cut short, a corrupt gzip), and a JSON lines file's "missing" or
-- "unreadable" reject beside the records it loaded. Such a file is now judged again: its `input_files` row
-- goes, so the next ingest that lists it reads it (a file cut short then becomes the reject alone, and its
-- duplicates are read again; a whole one stays as it was). A missing path keeps what it loaded (the
-- warehouse is an archive), and its reject goes.
DELETE FROM input_files
WHERE path IN (SELECT d.path FROM documents d JOIN rejects r ON r.document_id = d.document_id
               WHERE r.stage = 'read' AND d.path IS NOT NULL);
-- A document `rejected` for its content whose reject was replaced by the file's: the reject is all that is
-- known now, until the file is read again.
DELETE FROM documents
WHERE status = 'rejected' AND document_id IN (SELECT document_id FROM rejects WHERE stage = 'read');
DELETE FROM rejects
WHERE stage = 'read' AND document_id IN (SELECT document_id FROM documents);
DELETE FROM rejects
WHERE stage = 'read'
  AND reason IN ('missing_path', 'unreadable', 'not_a_file', 'undecodable_name', 'unsupported_type')
  AND origin IN (SELECT path FROM documents WHERE path IS NOT NULL);
