-- One single-row INSERT of a Person of about 600 bytes with 3 labels, as the store writes one
-- (labels, fields and data sent as text and cast to jsonb). Run with -D n=0: n counts this
-- client's inserts, so the name person-<client>-<n> is unique.
\set n :n + 1
\set rv :client_id * 100000000 + :n
\set source random(0, 9)
\set stage random(0, 3)
\set owner random(0, 39)
\set company random(0, 4999)
INSERT INTO objects (api_group, resource, namespace, name, uid, rv, labels, fields, data)
SELECT 'crm.milo.io', 'people', 'bench', p.name, p.uid, p.rv, p.labels::jsonb, p.fields::jsonb,
  ('{"apiVersion":"crm.milo.io/v1alpha1","kind":"Person","metadata":{"name":"' || p.name
    || '","namespace":"bench","uid":"' || p.uid || '","resourceVersion":"' || p.rv
    || '","creationTimestamp":"2025-06-01T09:00:00Z","labels":' || p.labels
    || '},"spec":{"givenName":"Given' || p.n || '","familyName":"Family' || p.n
    || '","email":"' || p.name || '@example.com","phone":"+351 21 ' || (1000000 + p.n)
    || '","title":"Head of Partnerships","companyRef":{"name":"' || p.company
    || '"},"contactRefs":[{"name":"contact-' || p.n || '"}],"address":{"city":"Lisbon","postalCode":"'
    || (10000 + p.n % 90000) || '","country":"PT"},"preferredChannel":"email"}}')::jsonb
FROM (SELECT 'person-' || :client_id || '-' || :n AS name, :n::int AS n, :rv::bigint AS rv,
        gen_random_uuid()::text AS uid, 'company-' || lpad(:company::text, 6, '0') AS company,
        '{"spec.companyRef.name":"company-' || lpad(:company::text, 6, '0') || '"}' AS fields,
        '{"crm.milo.io/source":"source-' || :source || '","crm.milo.io/stage":"stage-' || :stage
          || '","crm.milo.io/owner":"staff-' || :owner || '"}' AS labels) p;
