package io.milo.crm.apiserver.rest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * InFlightLimiter caps the requests being served at once, as the kube-apiserver's max-in-flight
 * filter does with separate budgets for reads and mutations; watches, being long-running, count
 * against neither. A request over the cap is answered 429 with Retry-After.
 */
public final class InFlightLimiter {
  private final int maxReads;
  private final int maxMutations;
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger mutations = new AtomicInteger();

  public InFlightLimiter(int maxReads, int maxMutations) {
    this.maxReads = maxReads;
    this.maxMutations = maxMutations;
  }

  /** Takes a slot, or answers false when the budget is spent. */
  boolean tryAcquire(boolean mutating) {
    AtomicInteger counter = mutating ? mutations : reads;
    int max = mutating ? maxMutations : maxReads;
    if (counter.incrementAndGet() > max) {
      counter.decrementAndGet();
      return false;
    }
    return true;
  }

  void release(boolean mutating) {
    (mutating ? mutations : reads).decrementAndGet();
  }
}
