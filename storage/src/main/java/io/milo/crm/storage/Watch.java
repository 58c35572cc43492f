package io.milo.crm.storage;

/** Watch is the handle of a running watch. */
public interface Watch {
  /** Ends the watch; the listener's onEnd is called with null. */
  void cancel();

  /**
   * Queues a BOOKMARK carrying the newest resourceVersion this watch is known to be complete up
   * to. Does nothing while the watch is still catching up.
   */
  void requestBookmark();

  /** Stops delivering (the consumer cannot keep up); events queue until the limit cuts it off. */
  void pause();

  /** Resumes delivering after {@link #pause()}. */
  void resume();
}
