-- One primary-key SELECT of a Person inserted by insert.sql, with the store's get statement.
-- Run with -D clients=<insert clients> -D rows=<fewest rows any insert client wrote>.
\set client random(0, :clients - 1)
\set n random(1, :rows)
SELECT namespace, name, rv, uid, data::text, labels::text, fields::text FROM objects
WHERE api_group = 'crm.milo.io' AND resource = 'people' AND namespace = 'bench'
  AND name = 'person-' || :client || '-' || :n;
