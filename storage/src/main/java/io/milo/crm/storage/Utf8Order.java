package io.milo.crm.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Utf8Order compares strings by their UTF-8 bytes, as PostgreSQL's "C" collation does. */
final class Utf8Order {
  private Utf8Order() {}

  static int compare(String a, String b) {
    if (isAscii(a) && isAscii(b)) {
      return a.compareTo(b);
    }
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
