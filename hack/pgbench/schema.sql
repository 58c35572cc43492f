-- The pgbench baseline's table: the store's objects table (storage/.../migrations/V1__store.sql)
-- under another name, with the same columns, primary key and GIN indexes.
CREATE TABLE baseline_objects (
  api_group text COLLATE "C" NOT NULL,
  resource  text COLLATE "C" NOT NULL,
  namespace text COLLATE "C" NOT NULL,
  name      text COLLATE "C" NOT NULL,
  uid       text,
  rv        bigint NOT NULL,
  labels    jsonb NOT NULL,
  fields    jsonb NOT NULL,
  data      jsonb NOT NULL,
  PRIMARY KEY (api_group, resource, namespace, name)
);
CREATE INDEX baseline_objects_labels ON baseline_objects USING gin (labels);
CREATE INDEX baseline_objects_fields ON baseline_objects USING gin (fields jsonb_path_ops);
