-- The store's own create statement (ObjectSql.INSERT): the object row, its 8 label, field and index
-- terms in object_terms (as a Person with one contactRef has), and its event, for the same Person as insert.sql. Each transaction is one
-- create; the store also group-commits and takes the resourceVersion lock, which this leaves out,
-- so it is the rate PostgreSQL can write what one HTTP create writes. Run with -D n=0.
\set n :n + 1
\set rv :client_id * 100000000 + :n
\set source random(0, 9)
\set stage random(0, 3)
\set owner random(0, 39)
\set company random(0, 4999)
WITH p AS (
  SELECT 'person-' || :client_id || '-' || :n AS name, :n::int AS n, :rv::bigint AS rv,
    gen_random_uuid()::text AS uid, 'company-' || lpad(:company::text, 6, '0') AS company,
    'source-' || :source AS source, 'stage-' || :stage AS stage, 'staff-' || :owner AS owner),
d AS (
  SELECT p.*, jsonb_build_object('spec.companyRef.name', p.company, 'spec.creatorRef.name', 'admin',
      'spec.userRef.name', '', 'status.createdBy', 'admin') AS fields,
    jsonb_build_object('crm.milo.io/source', p.source, 'crm.milo.io/stage', p.stage, 'crm.milo.io/owner', p.owner) AS labels
  FROM p),
j AS (
  SELECT d.*, jsonb_build_object('apiVersion', 'crm.milo.io/v1alpha1', 'kind', 'Person',
    'metadata', jsonb_build_object('name', d.name, 'uid', d.uid, 'resourceVersion', d.rv::text,
      'creationTimestamp', '2025-06-01T09:00:00Z', 'labels', d.labels),
    'spec', jsonb_build_object('name', 'Given' || d.n || ' Family' || d.n, 'jobTitle', 'Head of Partnerships',
      'companyRef', jsonb_build_object('name', d.company),
      'contactRefs', jsonb_build_array(jsonb_build_object('name', 'contact-' || d.n, 'namespace', 'bench',
        'type', 'work', 'primary', true)))) AS data
  FROM d),
o AS (
  INSERT INTO objects (api_group, resource, namespace, name, uid, rv, labels, fields, data)
  SELECT 'crm.milo.io', 'people', '', j.name, j.uid, j.rv, j.labels, j.fields, j.data FROM j
  ON CONFLICT DO NOTHING RETURNING 1),
t AS (
  INSERT INTO object_terms (api_group, resource, kind, term_key, term_value, namespace, name)
  SELECT 'crm.milo.io', 'people', x.kind, x.k, x.v, '', j.name FROM o, j, LATERAL (VALUES
    ('l', 'crm.milo.io/source', j.source), ('l', 'crm.milo.io/stage', j.stage), ('l', 'crm.milo.io/owner', j.owner),
    ('f', 'spec.companyRef.name', j.company), ('f', 'spec.creatorRef.name', 'admin'), ('f', 'spec.userRef.name', ''),
    ('f', 'status.createdBy', 'admin'), ('x', 'contactRefs', 'bench/contact-' || j.n)) AS x(kind, k, v))
INSERT INTO events (rv, api_group, resource, namespace, name, uid, object, labels, fields)
SELECT j.rv, 'crm.milo.io', 'people', '', j.name, j.uid, j.data::text, j.labels, j.fields FROM o, j;
