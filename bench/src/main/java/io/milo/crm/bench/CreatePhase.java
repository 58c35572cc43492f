package io.milo.crm.bench;

import io.vertx.core.Future;
import java.util.function.LongFunction;

/**
 * CreatePhase loads the dataset with concurrent POSTs: Companies and Contacts first (admission
 * requires a Person's references to exist), then the People, which is the measured create, then
 * the Notes about them. Creates of the supporting kinds accept 409 AlreadyExists, so an
 * interrupted load can be resumed.
 */
final class CreatePhase {
  static final double TARGET_RATE = 2000;

  private CreatePhase() {}

  static void run(Run run) {
    Dataset data = run.dataset();
    ApiClient client = run.client();
    int k = run.options().inFlight();
    Report report = run.report();
    report.add(Row.of("load", "create companies (" + k + " in flight)",
        ClosedLoop.count(k, data.companies(), c -> client.post(Dataset.COMPANIES, data.company((int) c)),
            CreatePhase::createdOrExists)));
    report.add(Row.of("load", "create contacts (" + k + " in flight)",
        ClosedLoop.count(k, data.contacts(), c -> client.post(Dataset.CONTACTS, data.contact((int) c)),
            CreatePhase::createdOrExists)));

    Outcome people = ClosedLoop.count(k, data.people(), i -> client.post(Dataset.PEOPLE, data.person((int) i)),
        status -> status == 201);
    Row row = Row.of("create", "POST people (" + k + " in flight)", people);
    Double pgInsert = run.options().pgInsertTps();
    if (pgInsert != null) {
      row = row.detail(String.format("%.2fx pgbench insert (%.0f/s)", people.rate() / pgInsert, pgInsert));
    }
    Double pgStoreInsert = run.options().pgStoreInsertTps();
    if (pgStoreInsert != null) {
      row = row.detail(String.format("%.2fx pgbench store create statement (%.0f/s)", people.rate() / pgStoreInsert,
          pgStoreInsert));
    }
    boolean met = people.rate() >= TARGET_RATE && people.errors.get() == 0
        && (pgInsert == null || people.rate() >= 0.5 * pgInsert);
    String target = ">= 2000/s and >= 0.5x pgbench insert at N=100k";
    report.add(data.people() == 100_000 ? row.judged(target, met) : row.indicative(target, met));

    int notesMax = run.options().notesMax();
    long[] firstNote = noteOffsets(data.people(), notesMax);
    long notes = firstNote[data.people()];
    LongFunction<Future<ApiClient.Response>> note = n -> {
      int person = personOfNote(firstNote, n);
      return client.post(Dataset.NOTES, data.note(person, (int) (n - firstNote[person])));
    };
    report.add(Row.of("load", "create notes 0-" + notesMax + "/person (" + k + " in flight)",
        ClosedLoop.count(k, notes, note, CreatePhase::createdOrExists)));
  }

  private static boolean createdOrExists(int status) {
    return status == 201 || status == 409;
  }

  /** offsets[i] is the index of person i's first note; offsets[people] is the number of notes. */
  private static long[] noteOffsets(int people, int max) {
    long[] offsets = new long[people + 1];
    for (int i = 0; i < people; i++) {
      offsets[i + 1] = offsets[i] + Dataset.notesOf(i, max);
    }
    return offsets;
  }

  private static int personOfNote(long[] offsets, long n) {
    int lo = 0;
    int hi = offsets.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (offsets[mid] <= n) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
