package io.milo.crm.apiserver.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PathItems groups routes by path and splits their parameters the way kube-openapi's builders do
 * ({@code findCommonParameters}): a parameter every operation of a path has moves up to the path;
 * the others stay on their operation. Both lists are sorted by name, then location
 * ({@code sortParameters}). This matters to kubectl: it looks for {@code fieldValidation} among
 * the PATCH operation's own parameters, which works because GET on the same path lacks it.
 */
final class PathItems {
  static final Comparator<Parameter> ORDER = Comparator.comparing(Parameter::name).thenComparing(Parameter::in);

  /** One path with its operations. */
  record PathItem(String path, List<Parameter> common, List<Operation> operations) {}

  /** One operation with the parameters it does not share with the whole path. */
  record Operation(Route route, List<Parameter> parameters) {}

  private PathItems() {}

  /** The path items of {@code routes}, sorted by path. */
  static List<PathItem> of(List<Route> routes) {
    Map<String, List<Route>> byPath = new TreeMap<>();
    for (Route route : routes) {
      byPath.computeIfAbsent(route.path(), p -> new ArrayList<>()).add(route);
    }
    List<PathItem> items = new ArrayList<>();
    byPath.forEach((path, pathRoutes) -> items.add(item(path, pathRoutes)));
    return items;
  }

  private static PathItem item(String path, List<Route> routes) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Parameter> byKey = new LinkedHashMap<>();
    for (Route route : routes) {
      var seen = new HashSet<String>();
      for (Parameter parameter : route.parameters()) {
        if (!seen.add(parameter.key())) {
          throw new IllegalStateException("duplicate parameter " + parameter.name() + " on " + route.method() + " " + path);
        }
        byKey.putIfAbsent(parameter.key(), parameter);
        counts.merge(parameter.key(), 1, Integer::sum);
      }
    }
    List<Parameter> common = new ArrayList<>();
    counts.forEach((key, count) -> {
      if (count == routes.size()) {
        common.add(byKey.get(key));
      }
    });
    common.sort(ORDER);
    List<Operation> operations = new ArrayList<>();
    for (Route route : routes) {
      List<Parameter> own = new ArrayList<>();
      for (Parameter parameter : route.parameters()) {
        if (counts.get(parameter.key()) < routes.size()) {
          own.add(parameter);
        }
      }
      own.sort(ORDER);
      operations.add(new Operation(route, own));
    }
    return new PathItem(path, List.copyOf(common), List.copyOf(operations));
  }
}
