package io.milo.crm.admission;

import java.util.List;
import java.util.Map;

/** The requesting user as authentication established it (user.Info). */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {
  public UserInfo {
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
  }
}
