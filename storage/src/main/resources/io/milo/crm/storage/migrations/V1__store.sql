-- The store: current objects, the event log that watches read, and the two single-row tables
-- that make resourceVersions and compaction global. See docs/storage.md.

-- The global resourceVersion. Every write transaction locks this row before its first read or
-- write and sets it to the last resourceVersion it used just before COMMIT, so resourceVersions
-- are handed out, and become visible, in commit order.
CREATE TABLE rv_counter (
  id smallint PRIMARY KEY CHECK (id = 1),
  rv bigint NOT NULL
);
INSERT INTO rv_counter (id, rv) VALUES (1, 1);

-- The compaction floor: events with rv <= floor_rv are gone, so a read or watch at a
-- resourceVersion below it answers 410 Expired, identically on every replica.
CREATE TABLE compaction (
  id smallint PRIMARY KEY CHECK (id = 1),
  floor_rv bigint NOT NULL,
  compacted_at timestamptz NOT NULL
);
INSERT INTO compaction (id, floor_rv, compacted_at) VALUES (1, 1, now());

-- The current state: one row per object. labels and fields are the object's labels and the
-- values of its resource's selectable fields, flat JSON objects of strings, GIN-indexed so that
-- selectors are answered from the index.
CREATE TABLE objects (
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
CREATE INDEX objects_labels ON objects USING gin (labels);
CREATE INDEX objects_fields ON objects USING gin (fields jsonb_path_ops);

-- The event log: one row per write, in resourceVersion order. object is the new state (null for
-- a delete), prev_object the state before (null for a create), with the labels and field values
-- of both, so a watch with a selector can tell an object entering or leaving its selection, and a
-- list at an old resourceVersion can rebuild what changed since.
CREATE TABLE events (
  rv          bigint PRIMARY KEY,
  api_group   text COLLATE "C" NOT NULL,
  resource    text COLLATE "C" NOT NULL,
  namespace   text COLLATE "C" NOT NULL,
  name        text COLLATE "C" NOT NULL,
  uid         text,
  object      text,
  prev_object text,
  labels      jsonb,
  fields      jsonb,
  prev_labels jsonb,
  prev_fields jsonb,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX events_by_resource ON events (api_group, resource, rv);
