package io.milo.crm.sync;

import io.milo.crm.sync.reconcile.Backoff;
import java.util.concurrent.CountDownLatch;

/** Main starts the sync process from flags and environment and runs it until the JVM is stopped. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    SyncOptions options;
    try {
      options = SyncOptions.parse(args, System::getenv);
    } catch (IllegalArgumentException e) {
      System.err.println("milo-crm-sync: " + e.getMessage());
      System.exit(2);
      return;
    }
    SyncProcess process = SyncProcess.start(options, Backoff.defaults());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        process.close();
      } catch (Exception ignored) {
        // shutting down anyway
      } finally {
        stopped.countDown();
      }
    }, "sync-shutdown"));
    stopped.await();
  }
}
