-- Terms computed from an object's data: index terms (kind 'x', the elements of an indexed list, see
-- TermIndex) and unique terms (kind 'u', a field whose value must be unique across a resource,
-- compared case-insensitively: the value is stored lower-cased, such as a Contact's email). The
-- unique index is the guarantee: two writes can never both hold the same value, whatever checks
-- ran before them.
ALTER TABLE object_terms DROP CONSTRAINT object_terms_kind_check;
ALTER TABLE object_terms ADD CONSTRAINT object_terms_kind_check CHECK (kind IN ('l', 'f', 'u', 'x'));
CREATE UNIQUE INDEX object_terms_unique ON object_terms (api_group, resource, term_key, term_value) WHERE kind = 'u';
