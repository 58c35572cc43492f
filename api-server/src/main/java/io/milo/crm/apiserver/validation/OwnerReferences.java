package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OwnerReferences is ValidateOwnerReferences (k8s.io/apimachinery pkg/api/validation/objectmeta.go):
 * each reference needs an apiVersion with a version, a kind, a name and a uid, a core/v1 Event may
 * not own anything, and at most one reference is the controller. Upstream reports the per-reference
 * errors at {@code metadata.ownerReferences.<field>}, without the index.
 */
final class OwnerReferences {
  private static final String PATH = "metadata.ownerReferences";
  /** Go prints a set *bool as its address; any address will do, this one is stable. */
  private static final String POINTER = "(*bool)(0xc000012345)";

  private OwnerReferences() {}

  static List<FieldError> validate(JsonNode references) {
    List<FieldError> errors = new ArrayList<>();
    String firstController = "";
    for (JsonNode reference : references) {
      String apiVersion = ObjectMetaValidator.string(reference, "apiVersion");
      String kind = ObjectMetaValidator.string(reference, "kind");
      String name = ObjectMetaValidator.string(reference, "name");
      String uid = ObjectMetaValidator.string(reference, "uid");
      String[] groupVersion = parseGroupVersion(apiVersion);
      if (groupVersion[1].isEmpty()) {
        errors.add(FieldError.invalid(PATH + ".apiVersion", apiVersion, "version must not be empty"));
      }
      if (kind.isEmpty()) {
        errors.add(FieldError.invalid(PATH + ".kind", kind, "kind must not be empty"));
      }
      if (name.isEmpty()) {
        errors.add(FieldError.invalid(PATH + ".name", name, "name must not be empty"));
      }
      if (uid.isEmpty()) {
        errors.add(FieldError.invalid(PATH + ".uid", uid, "uid must not be empty"));
      }
      if (groupVersion[0].isEmpty() && groupVersion[1].equals("v1") && kind.equals("Event")) {
        errors.add(new FieldError(FieldError.FIELD_VALUE_INVALID, PATH,
            "/v1, Kind=Event is disallowed from being an owner", goSyntax(reference)));
      }
      if (reference.path("controller").asBoolean(false)) {
        String controller = kind + "/" + name;
        if (!firstController.isEmpty()) {
          List<String> all = new ArrayList<>();
          references.forEach(each -> all.add(goSyntax(each)));
          errors.add(new FieldError(FieldError.FIELD_VALUE_INVALID, PATH,
              "Only one reference can have Controller set to true. Found \"true\" in references for "
                  + firstController + " and " + controller,
              "[]v1.OwnerReference{" + String.join(", ", all) + "}"));
        } else {
          firstController = controller;
        }
      }
    }
    return errors;
  }

  /** schema.ParseGroupVersion as FromAPIVersionAndKind uses it: {group, version}, both empty when malformed. */
  private static String[] parseGroupVersion(String apiVersion) {
    if (apiVersion.isEmpty() || apiVersion.equals("/")) {
      return new String[] {"", ""};
    }
    String[] parts = apiVersion.split("/", -1);
    return switch (parts.length) {
      case 1 -> new String[] {"", parts[0]};
      case 2 -> new String[] {parts[0], parts[1]};
      default -> new String[] {"", ""};
    };
  }

  private static String goSyntax(JsonNode reference) {
    return "v1.OwnerReference{APIVersion:" + GoFormat.quote(ObjectMetaValidator.string(reference, "apiVersion"))
        + ", Kind:" + GoFormat.quote(ObjectMetaValidator.string(reference, "kind"))
        + ", Name:" + GoFormat.quote(ObjectMetaValidator.string(reference, "name"))
        + ", UID:" + GoFormat.quote(ObjectMetaValidator.string(reference, "uid"))
        + ", Controller:" + pointer(reference.get("controller"))
        + ", BlockOwnerDeletion:" + pointer(reference.get("blockOwnerDeletion")) + "}";
  }

  private static String pointer(JsonNode value) {
    return value == null || value.isNull() ? "(*bool)(nil)" : POINTER;
  }
}
