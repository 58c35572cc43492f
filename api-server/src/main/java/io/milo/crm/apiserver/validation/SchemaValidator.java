package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * SchemaValidator checks a custom resource against its OpenAPI schema as the kube-apiserver does for
 * a CRD: kube-openapi's validators (type, string length and pattern, format, numeric bounds, items,
 * enum, properties then required, in that order for each value) with their messages, turned into
 * field errors as apiextensions-apiserver's kubeOpenAPIResultToFieldErrors does, and ratcheted on
 * update (see {@link Correlation}). Go walks object properties in random order; this walks them in
 * the order the object has them, so the output is stable.
 */
final class SchemaValidator {
  private static final String IN = " in body ";

  private final SchemaNode root;

  SchemaValidator(SchemaNode root) {
    this.root = root;
  }

  /** The schema errors of a new object. */
  List<FieldError> validate(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    check(object, root, "", null, errors);
    return errors;
  }

  /** The schema errors of an updated object, leaving out those in parts that did not change. */
  List<FieldError> validateUpdate(JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    check(object, root, "", new Correlation(object, old, root), errors);
    return errors;
  }

  private void check(JsonNode data, SchemaNode schema, String path, Correlation correlation, List<FieldError> out) {
    if (correlation != null && correlation.unchanged()) {
      return;
    }
    if (data.isNull()) {
      checkType(data, schema, path, out);
      checkEnum(data, schema, path, out);
      return;
    }
    checkType(data, schema, path, out);
    if (data.isTextual()) {
      checkString(data, schema, path, out);
      checkFormat(data, schema, path, out);
    }
    if (data.isNumber()) {
      checkNumber(data, schema, path, out);
    }
    if (data.isArray()) {
      checkArray(data, schema, path, correlation, out);
    }
    checkEnum(data, schema, path, out);
    if (data.isObject()) {
      checkObject(data, schema, path, correlation, out);
    }
  }

  /** kube-openapi's typeValidator, including its treatment of formats on non-string values. */
  private void checkType(JsonNode data, SchemaNode schema, String path, List<FieldError> out) {
    if (schema.type == null && schema.format == null) {
      return;
    }
    if (data.isNull()) {
      if (schema.type != null && !schema.nullable) {
        out.add(typeError(path, schema.type, "null"));
      }
      return;
    }
    String dataType = JsonValues.openApiType(data);
    String dataFormat = JsonValues.goFormat(data);
    boolean floatAsInteger = dataType.equals("number") && isIntegral(data.doubleValue()) && "integer".equals(schema.type);
    boolean integerAsNumber = dataType.equals("integer") && "number".equals(schema.type);
    boolean typeMatches = dataType.equals(schema.type) || floatAsInteger || integerAsNumber;
    boolean stringOrArray = data.isTextual() || data.isArray();
    if (!stringOrArray && schema.format != null && !(typeMatches || dataFormat.equals(schema.format))) {
      out.add(typeError(path, schema.format, dataFormat));
      return;
    }
    boolean numeric = "number".equals(schema.type) || "integer".equals(schema.type);
    if (!numeric && schema.format != null && stringOrArray) {
      return;
    }
    if (!typeMatches) {
      out.add(typeError(path, schema.type == null ? "" : schema.type, dataType));
    }
  }

  /** kube-openapi's stringValidator: only the first of maxLength, minLength and pattern that fails. */
  private void checkString(JsonNode data, SchemaNode schema, String path, List<FieldError> out) {
    String text = data.textValue();
    long characters = text.codePointCount(0, text.length());
    if (schema.maxLength != null && characters > schema.maxLength) {
      out.add(FieldError.tooLong(path, schema.maxLength));
    } else if (schema.minLength != null && characters < schema.minLength) {
      out.add(FieldError.invalid(path, data, path + IN + "should be at least " + schema.minLength + " chars long"));
    } else if (schema.pattern != null && !schema.pattern.matcher(text).find()) {
      out.add(FieldError.invalid(path, data, path + IN + "should match '" + schema.patternText + "'"));
    }
  }

  /** kube-openapi's formatValidator, for the string formats the declared schemas use. */
  private void checkFormat(JsonNode data, SchemaNode schema, String path, List<FieldError> out) {
    if (schema.format == null || !StringFormats.isKnown(schema.format)) {
      return;
    }
    if (!StringFormats.isValid(schema.format, data.textValue())) {
      out.add(FieldError.typeInvalid(path, data,
          path + IN + "must be of type " + schema.format + ": " + GoFormat.quote(data.textValue())));
    }
  }

  /** kube-openapi's numberValidator: minimum, then maximum. */
  private void checkNumber(JsonNode data, SchemaNode schema, String path, List<FieldError> out) {
    boolean integral = data.isIntegralNumber();
    if (schema.minimum != null) {
      boolean below = integral
          ? (schema.exclusiveMinimum ? data.longValue() <= schema.minimum.longValue() : data.longValue() < schema.minimum.longValue())
          : (schema.exclusiveMinimum ? data.doubleValue() <= schema.minimum : data.doubleValue() < schema.minimum);
      if (below) {
        String bound = integral ? Long.toString(schema.minimum.longValue()) : GoFormat.float64(schema.minimum);
        String relation = schema.exclusiveMinimum ? "should be greater than " : "should be greater than or equal to ";
        out.add(FieldError.invalid(path, data, path + IN + relation + bound));
      }
    }
    if (schema.maximum != null) {
      boolean above = integral
          ? (schema.exclusiveMaximum ? data.longValue() >= schema.maximum.longValue() : data.longValue() > schema.maximum.longValue())
          : (schema.exclusiveMaximum ? data.doubleValue() >= schema.maximum : data.doubleValue() > schema.maximum);
      if (above) {
        String bound = integral ? Long.toString(schema.maximum.longValue()) : GoFormat.float64(schema.maximum);
        String relation = schema.exclusiveMaximum ? "should be less than " : "should be less than or equal to ";
        out.add(FieldError.invalid(path, data, path + IN + relation + bound));
      }
    }
  }

  /** kube-openapi's schemaSliceValidator: the items, then minItems and maxItems. */
  private void checkArray(JsonNode data, SchemaNode schema, String path, Correlation correlation, List<FieldError> out) {
    if (schema.items != null) {
      for (int i = 0; i < data.size(); i++) {
        Correlation item = correlation == null ? null : correlation.index(i);
        check(data.get(i), schema.items, path + "[" + i + "]", item, out);
      }
    }
    int size = data.size();
    if (schema.minItems != null && size < schema.minItems) {
      out.add(FieldError.invalid(path, JsonNodeFactory.instance.numberNode(size),
          path + IN + "should have at least " + schema.minItems + " items"));
    }
    if (schema.maxItems != null && size > schema.maxItems) {
      out.add(FieldError.tooMany(path, size, schema.maxItems));
    }
  }

  /** kube-openapi's basicCommonValidator: the value must be one of the enum's. */
  private void checkEnum(JsonNode data, SchemaNode schema, String path, List<FieldError> out) {
    if (schema.enumValues.isEmpty()) {
      return;
    }
    for (JsonNode allowed : schema.enumValues) {
      if (enumMatches(data, allowed)) {
        return;
      }
    }
    List<String> supported = new ArrayList<>();
    for (JsonNode allowed : schema.enumValues) {
      supported.add(allowed.isTextual() ? allowed.textValue() : allowed.toString());
    }
    out.add(FieldError.notSupported(path, data, supported));
  }

  /** kube-openapi's objectValidator: each declared property present, then each required one missing. */
  private void checkObject(JsonNode data, SchemaNode schema, String path, Correlation correlation, List<FieldError> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      SchemaNode property = schema.property(field.getKey());
      if (property != null) {
        Correlation child = correlation == null ? null : correlation.key(field.getKey());
        boolean typeMeta = path.isEmpty() && (field.getKey().equals("apiVersion") || field.getKey().equals("kind"));
        check(field.getValue(), property, child(path, field.getKey()), typeMeta ? null : child, out);
      }
    }
    for (String name : schema.required) {
      if (!data.has(name)) {
        out.add(FieldError.required(child(path, name), ""));
      }
    }
  }

  private static boolean enumMatches(JsonNode data, JsonNode allowed) {
    if (data.isNumber() && allowed.isNumber()) {
      // Go converts the value to the enum value's type before comparing.
      return data.doubleValue() == allowed.doubleValue();
    }
    return JsonValues.deepEqual(data, allowed);
  }

  private static FieldError typeError(String path, String expected, String actual) {
    return FieldError.typeInvalid(path, JsonNodeFactory.instance.textNode(actual),
        path + IN + "must be of type " + expected + ": " + GoFormat.quote(actual));
  }

  private static boolean isIntegral(double value) {
    return !Double.isInfinite(value) && value == Math.rint(value);
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
