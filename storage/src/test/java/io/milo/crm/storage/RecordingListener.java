package io.milo.crm.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** RecordingListener keeps every event a watch delivers, for assertions. */
final class RecordingListener implements WatchListener {
  private final List<WatchEvent> events = new ArrayList<>();
  final CompletableFuture<Throwable> ended = new CompletableFuture<>();

  @Override
  public synchronized void onEvent(WatchEvent event) {
    events.add(event);
  }

  @Override
  public void onEnd(Throwable error) {
    ended.complete(error);
  }

  synchronized List<WatchEvent> events() {
    return new ArrayList<>(events);
  }

  synchronized List<WatchEvent> changes() {
    return events.stream().filter(e -> e.type() != WatchEvent.Type.BOOKMARK).toList();
  }

  /** "TYPE name@rv" lines, easy to compare. */
  synchronized List<String> summary() {
    return events.stream().map(e -> e.type() == WatchEvent.Type.BOOKMARK
        ? "BOOKMARK" + (e.initialEventsEnd() ? "(end)" : "") : e.type() + " " + e.object().key().name()).toList();
  }
}
