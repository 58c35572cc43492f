package io.milo.crm.sync.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RecentDeliveries remembers the ids of the webhook deliveries this process answered with 2xx
 * ({@code svix-id}, {@code webhook-id}), so a redelivery of the same event (providers redeliver until
 * they see a 2xx, and may redeliver after one) is answered 2xx without acting again. A delivery that was
 * refused or failed is not remembered: its redelivery is looked at anew.
 *
 * <p>Bounded: at most {@code capacity} ids, the oldest forgotten first, each for {@code ttl}. The
 * default TTL (30 hours) is far longer than the signature's tolerance (a replayed request is refused
 * after {@link WebhookSignature#TOLERANCE} anyway) and covers the providers' whole retry schedule (Svix
 * retries for about 27 hours). Past that, or after a restart, the actions themselves are idempotent.
 */
public final class RecentDeliveries {
  public static final int DEFAULT_CAPACITY = 50_000;
  public static final Duration DEFAULT_TTL = Duration.ofHours(30);

  private final int capacity;
  private final Duration ttl;
  /** Key → when it was remembered; insertion order, so the oldest is first. */
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  public RecentDeliveries(int capacity, Duration ttl) {
    if (capacity < 1 || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("capacity and ttl must be positive");
    }
    this.capacity = capacity;
    this.ttl = ttl;
  }

  public RecentDeliveries() {
    this(DEFAULT_CAPACITY, DEFAULT_TTL);
  }

  /** Whether the delivery {@code provider}/{@code id} was answered 2xx within the TTL. */
  public synchronized boolean seen(String provider, String id, Instant now) {
    expire(now);
    return seen.containsKey(key(provider, id));
  }

  /** Remembers a delivery answered 2xx. */
  public synchronized void remember(String provider, String id, Instant now) {
    String key = key(provider, id);
    seen.remove(key); // to the end: remembered afresh
    seen.put(key, now);
    expire(now);
    while (seen.size() > capacity) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  public synchronized int size() {
    return seen.size();
  }

  private void expire(Instant now) {
    Instant cutoff = now.minus(ttl);
    for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().isAfter(cutoff)) {
        return; // the rest are younger
      }
      it.remove();
    }
  }

  private static String key(String provider, String id) {
    return provider + "\n" + id;
  }
}
