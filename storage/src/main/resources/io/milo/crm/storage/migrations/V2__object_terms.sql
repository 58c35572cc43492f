-- Selector terms: one row per label (kind 'l') and per selectable field value (kind 'f') of every
-- current object. The primary key orders the objects having one term by (namespace, name), so a
-- list selecting on label or field equality walks exactly its matches, in list order, from any
-- continue point: a page costs what it returns, however many objects the table holds. PostgreSQL
-- also keeps real statistics on these columns, which it cannot do for jsonb containment.
CREATE TABLE object_terms (
  api_group  text COLLATE "C" NOT NULL,
  resource   text COLLATE "C" NOT NULL,
  kind       text COLLATE "C" NOT NULL CHECK (kind IN ('l', 'f')),
  term_key   text COLLATE "C" NOT NULL,
  term_value text COLLATE "C" NOT NULL,
  namespace  text COLLATE "C" NOT NULL,
  name       text COLLATE "C" NOT NULL,
  PRIMARY KEY (api_group, resource, kind, term_key, term_value, namespace, name)
);

INSERT INTO object_terms (api_group, resource, kind, term_key, term_value, namespace, name)
SELECT o.api_group, o.resource, 'l', l.key, l.value, o.namespace, o.name FROM objects o, jsonb_each_text(o.labels) l
UNION ALL
SELECT o.api_group, o.resource, 'f', f.key, f.value, o.namespace, o.name FROM objects o, jsonb_each_text(o.fields) f;
