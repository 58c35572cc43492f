package io.milo.crm.storage;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Watcher is one watch: its filter, the events queued for it, and their delivery to its listener
 * on the listener's context.
 *
 * <p>The hub offers events on its own thread, in resourceVersion order; the watcher drops any at
 * or below the last it accepted, so catching up from the database, then the in-memory cache, then
 * live events can overlap without repeating one. Its queue is bounded: a watcher that falls too
 * far behind is cut off with a 410 so its client relists, and never slows the hub or others.
 */
final class Watcher implements Watch {
  private static final int DRAIN_BATCH = 256;

  final ResourceType type;
  final WatchOptions options;
  private final WatchHub hub;
  private final Context context;
  private final WatchListener listener;
  private final int maxPending;

  /** Hub thread only: the resourceVersion of the last event accepted. */
  long lastRv;
  /** Hub thread only: whether the hub delivers live events to this watcher. */
  boolean live;

  private final ArrayDeque<WatchEvent> queue = new ArrayDeque<>();
  private boolean paused;
  private boolean drainScheduled;
  private boolean ending;
  private boolean ended;
  private Throwable endError;
  private Runnable onDrained;

  Watcher(WatchHub hub, ResourceType type, WatchOptions options, Context context, WatchListener listener,
      int maxPending) {
    this.hub = hub;
    this.type = type;
    this.options = options;
    this.context = context;
    this.listener = listener;
    this.maxPending = maxPending;
  }

  /** Hub thread: offers a logged event; queues what this watcher should see of it. */
  void offer(StoreEvent event) {
    if (event.rv <= lastRv) {
      return;
    }
    lastRv = event.rv;
    WatchEvent out = filter(event);
    if (out != null) {
      enqueue(out, true);
    }
  }

  private WatchEvent filter(StoreEvent e) {
    if (options.namespace() != null && !options.namespace().equals(e.key.namespace())) {
      return null;
    }
    boolean now = e.objectJson != null && matches(e.key, e.labels, e.fields);
    boolean before = e.prevJson != null && matches(e.key, e.prevLabels, e.prevFields);
    if (now) {
      StoredObject obj = new StoredObject(type, e.key, e.rv, e.uid, e.objectJson);
      return new WatchEvent(before ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED, obj, e.rv, false);
    }
    if (before) {
      StoredObject last = new StoredObject(type, e.key, e.rv, e.uid, e.prevAtEventRv());
      return new WatchEvent(WatchEvent.Type.DELETED, last, e.rv, false);
    }
    return null;
  }

  boolean matches(ObjectKey key, Map<String, String> labels, Map<String, String> fields) {
    if (!options.labels().matches(labels)) {
      return false;
    }
    if (options.fields().isEmpty()) {
      return true;
    }
    Map<String, String> all = new HashMap<>(fields);
    all.put("metadata.name", key.name());
    all.put("metadata.namespace", key.namespace());
    return options.fields().matches(all);
  }

  /** Queues an event; counts toward the limit only when limited (initial state is flow-controlled). */
  void enqueue(WatchEvent event, boolean limited) {
    boolean schedule;
    synchronized (this) {
      if (ending) {
        return;
      }
      if (limited && queue.size() >= maxPending) {
        queue.clear();
        ending = true;
        endError = new StorageException.Expired("watch of " + type.qualifiedName()
            + " closed: the client fell more than " + maxPending + " events behind", null);
      } else {
        queue.add(event);
      }
      schedule = !drainScheduled && (!paused || ending);
      drainScheduled |= schedule;
    }
    if (schedule) {
      context.runOnContext(v -> drain());
    }
  }

  /** Ends the watch after the events already queued; the listener's onEnd follows them. */
  void end(Throwable error) {
    boolean schedule;
    synchronized (this) {
      if (ending) {
        return;
      }
      ending = true;
      endError = error;
      schedule = !drainScheduled;
      drainScheduled = true;
    }
    hub.remove(this);
    if (schedule) {
      context.runOnContext(v -> drain());
    }
  }

  /** Runs action on the hub once everything queued so far has been delivered. */
  void whenDrained(Runnable action) {
    boolean now;
    synchronized (this) {
      now = queue.isEmpty() && !ending;
      if (!now) {
        onDrained = action;
      }
    }
    if (now) {
      action.run();
    }
  }

  synchronized boolean isEnding() {
    return ending;
  }

  private void drain() {
    for (int delivered = 0; delivered < DRAIN_BATCH; delivered++) {
      WatchEvent next;
      Runnable drained = null;
      synchronized (this) {
        if (ended || (paused && !ending)) {
          drainScheduled = false;
          return;
        }
        next = queue.poll();
        if (next == null) {
          drainScheduled = false;
          if (ending) {
            ended = true;
          } else {
            drained = onDrained;
            onDrained = null;
          }
        }
      }
      if (next == null) {
        if (ended) {
          hub.remove(this);
          listener.onEnd(endError);
        } else if (drained != null) {
          hub.run(drained);
        }
        return;
      }
      listener.onEvent(next);
    }
    context.runOnContext(v -> drain());
  }

  @Override
  public void cancel() {
    end(null);
  }

  @Override
  public void requestBookmark() {
    hub.bookmark(this);
  }

  @Override
  public void pause() {
    synchronized (this) {
      paused = true;
    }
  }

  @Override
  public void resume() {
    boolean schedule;
    synchronized (this) {
      paused = false;
      schedule = !drainScheduled && (!queue.isEmpty() || ending);
      drainScheduled |= schedule;
    }
    if (schedule) {
      context.runOnContext(v -> drain());
    }
  }
}
