package io.milo.crm.apiserver.rest;

import java.security.SecureRandom;

/**
 * Names makes names from {@code metadata.generateName} as the kube-apiserver's SimpleNameGenerator
 * does: the base cut to 58 characters, then 5 characters from an alphabet without vowels and
 * look-alike digits, so a generated name is never a word.
 */
final class Names {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int MAX_BASE = 58;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Names() {}

  static String generate(String base) {
    String cut = base.length() > MAX_BASE ? base.substring(0, MAX_BASE) : base;
    StringBuilder name = new StringBuilder(cut);
    for (int i = 0; i < 5; i++) {
      name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }
}
