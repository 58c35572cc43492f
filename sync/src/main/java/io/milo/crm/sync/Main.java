package io.milo.crm.sync;

import io.milo.crm.sync.reconcile.Backoff;
import java.util.concurrent.CountDownLatch;

/** Main starts the sync process from flags and environment and runs it until the JVM is stopped. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    SyncOptions options = options(args, System::getenv, System.err);
    if (options == null) {
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

  /**
   * The options from args and env, or null after saying on err what is wrong (SyncOptions' messages
   * never repeat a value given, so no key or secret reaches the log).
   */
  static SyncOptions options(String[] args, java.util.function.Function<String, String> env, java.io.PrintStream err) {
    try {
      return SyncOptions.parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("milo-crm-sync: " + e.getMessage());
      err.println("usage: milo-crm-sync --flag=value ... (flags and their environment variables: docs/sync.md)");
      return null;
    }
  }
}
