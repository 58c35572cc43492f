package io.milo.crm.storage;

/**
 * WatchListener receives a watch's events, one at a time and in resourceVersion order, on the
 * Vert.x context that started the watch.
 */
public interface WatchListener {
  void onEvent(WatchEvent event);

  /**
   * The watch has ended and no more events follow. error is null when it was cancelled, a
   * {@link StorageException.Expired} when its resourceVersion is too old or it was cut off for
   * reading too slowly (a client relists), or another failure.
   */
  void onEnd(Throwable error);
}
