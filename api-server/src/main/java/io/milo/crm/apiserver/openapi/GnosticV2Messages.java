package io.milo.crm.apiserver.openapi;

import static io.milo.crm.apiserver.openapi.MessageShape.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * GnosticV2Messages is the catalogue of gnostic's {@code openapi.v2} messages (OpenAPIv2.proto of
 * github.com/google/gnostic-models, which kube-openapi's {@code ToProtoBinary} marshals): field numbers
 * and types of the plain messages as {@link MessageShape}s, and how gnostic's compiler picks the member
 * of each oneof and fills each map message. The oneofs are decided the way the compiler's
 * "try each, keep the last that parses" comes out for valid documents: a {@code $ref} object is a
 * JsonReference, {@code in: body} a BodyParameter, any other {@code in} selects the NonBodyParameter
 * sub-schema, a boolean {@code additionalProperties} is the bool member.
 */
final class GnosticV2Messages {
  private static final Pattern RESPONSE_CODE = Pattern.compile("[0-9]{3}|default");

  static final MessageShape DOCUMENT = message("Document")
      .string("swagger", 1)
      .message("info", 2, () -> GnosticV2Messages.INFO)
      .string("host", 3)
      .string("basePath", 4)
      .strings("schemes", 5)
      .strings("consumes", 6)
      .strings("produces", 7)
      .message("paths", 8, () -> GnosticV2Messages::paths)
      .message("definitions", 9, () -> named(1, GnosticV2Messages.SCHEMA))
      .message("parameters", 10, () -> named(1, GnosticV2Messages::parameter))
      .message("responses", 11, () -> named(1, GnosticV2Messages.RESPONSE))
      .messages("security", 12, () -> named(1, GnosticV2Messages::stringArray))
      .message("securityDefinitions", 13, () -> named(1, GnosticV2Messages::securityDefinitionsItem))
      .messages("tags", 14, () -> GnosticV2Messages.TAG)
      .message("externalDocs", 15, () -> GnosticV2Messages.EXTERNAL_DOCS)
      .vendorExtensions(16)
      .required("info", "paths", "swagger");

  static final MessageShape INFO = message("Info")
      .string("title", 1)
      .string("version", 2)
      .string("description", 3)
      .string("termsOfService", 4)
      .message("contact", 5, () -> GnosticV2Messages.CONTACT)
      .message("license", 6, () -> GnosticV2Messages.LICENSE)
      .vendorExtensions(7)
      .required("title", "version");

  static final MessageShape CONTACT = message("Contact")
      .string("name", 1).string("url", 2).string("email", 3).vendorExtensions(4);

  static final MessageShape LICENSE = message("License")
      .string("name", 1).string("url", 2).vendorExtensions(3).required("name");

  static final MessageShape EXTERNAL_DOCS = message("ExternalDocs")
      .string("description", 1).string("url", 2).vendorExtensions(3).required("url");

  static final MessageShape TAG = message("Tag")
      .string("name", 1)
      .string("description", 2)
      .message("externalDocs", 3, () -> GnosticV2Messages.EXTERNAL_DOCS)
      .vendorExtensions(4)
      .required("name");

  static final MessageShape PATH_ITEM = message("PathItem")
      .string("$ref", 1)
      .message("get", 2, () -> GnosticV2Messages.OPERATION)
      .message("put", 3, () -> GnosticV2Messages.OPERATION)
      .message("post", 4, () -> GnosticV2Messages.OPERATION)
      .message("delete", 5, () -> GnosticV2Messages.OPERATION)
      .message("options", 6, () -> GnosticV2Messages.OPERATION)
      .message("head", 7, () -> GnosticV2Messages.OPERATION)
      .message("patch", 8, () -> GnosticV2Messages.OPERATION)
      .messages("parameters", 9, () -> GnosticV2Messages::parametersItem)
      .vendorExtensions(10);

  static final MessageShape OPERATION = message("Operation")
      .strings("tags", 1)
      .string("summary", 2)
      .string("description", 3)
      .message("externalDocs", 4, () -> GnosticV2Messages.EXTERNAL_DOCS)
      .string("operationId", 5)
      .strings("produces", 6)
      .strings("consumes", 7)
      .messages("parameters", 8, () -> GnosticV2Messages::parametersItem)
      .message("responses", 9, () -> GnosticV2Messages::responses)
      .strings("schemes", 10)
      .bool("deprecated", 11)
      .messages("security", 12, () -> named(1, GnosticV2Messages::stringArray))
      .vendorExtensions(13)
      .required("responses");

  static final MessageShape JSON_REFERENCE = message("JsonReference")
      .string("$ref", 1).string("description", 2).required("$ref").anyKeyAllowed();

  static final MessageShape BODY_PARAMETER = message("BodyParameter")
      .string("description", 1)
      .string("name", 2)
      .string("in", 3)
      .bool("required", 4)
      .message("schema", 5, () -> GnosticV2Messages.SCHEMA)
      .vendorExtensions(6)
      .required("in", "name", "schema");

  static final MessageShape HEADER_PARAMETER = primitive(message("HeaderParameterSubSchema").bool("required", 1)
      .string("in", 2).string("description", 3).string("name", 4), 5)
      .vendorExtensions(22);

  static final MessageShape FORM_DATA_PARAMETER = primitive(message("FormDataParameterSubSchema").bool("required", 1)
      .string("in", 2).string("description", 3).string("name", 4).bool("allowEmptyValue", 5), 6)
      .vendorExtensions(23);

  static final MessageShape QUERY_PARAMETER = primitive(message("QueryParameterSubSchema").bool("required", 1)
      .string("in", 2).string("description", 3).string("name", 4).bool("allowEmptyValue", 5), 6)
      .vendorExtensions(23);

  static final MessageShape PATH_PARAMETER = primitive(message("PathParameterSubSchema").bool("required", 1)
      .string("in", 2).string("description", 3).string("name", 4), 5)
      .vendorExtensions(22)
      .required("required");

  static final MessageShape PRIMITIVES_ITEMS = primitive(message("PrimitivesItems"), 1).vendorExtensions(18);

  static final MessageShape HEADER = primitive(message("Header"), 1).string("description", 18).vendorExtensions(19)
      .required("type");

  static final MessageShape RESPONSE = message("Response")
      .string("description", 1)
      .message("schema", 2, () -> GnosticV2Messages::schemaItem)
      .message("headers", 3, () -> named(1, GnosticV2Messages.HEADER))
      .message("examples", 4, () -> GnosticV2Messages::examples)
      .vendorExtensions(5)
      .required("description");

  static final MessageShape SCHEMA = message("Schema")
      .string("$ref", 1)
      .string("format", 2)
      .string("title", 3)
      .string("description", 4)
      .any("default", 5)
      .float64("multipleOf", 6)
      .float64("maximum", 7)
      .bool("exclusiveMaximum", 8)
      .float64("minimum", 9)
      .bool("exclusiveMinimum", 10)
      .int64("maxLength", 11)
      .int64("minLength", 12)
      .string("pattern", 13)
      .int64("maxItems", 14)
      .int64("minItems", 15)
      .bool("uniqueItems", 16)
      .int64("maxProperties", 17)
      .int64("minProperties", 18)
      .strings("required", 19)
      .anys("enum", 20)
      .message("additionalProperties", 21, () -> GnosticV2Messages::additionalPropertiesItem)
      .message("type", 22, () -> GnosticV2Messages::typeItem)
      .message("items", 23, () -> GnosticV2Messages::itemsItem)
      .messages("allOf", 24, () -> GnosticV2Messages.SCHEMA)
      .message("properties", 25, () -> named(1, GnosticV2Messages.SCHEMA))
      .string("discriminator", 26)
      .bool("readOnly", 27)
      .message("xml", 28, () -> GnosticV2Messages.XML)
      .message("externalDocs", 29, () -> GnosticV2Messages.EXTERNAL_DOCS)
      .any("example", 30)
      .vendorExtensions(31);

  static final MessageShape FILE_SCHEMA = message("FileSchema")
      .string("format", 1)
      .string("title", 2)
      .string("description", 3)
      .any("default", 4)
      .strings("required", 5)
      .string("type", 6)
      .bool("readOnly", 7)
      .message("externalDocs", 8, () -> GnosticV2Messages.EXTERNAL_DOCS)
      .any("example", 9)
      .vendorExtensions(10)
      .required("type");

  static final MessageShape XML = message("Xml")
      .string("name", 1).string("namespace", 2).string("prefix", 3).bool("attribute", 4).bool("wrapped", 5)
      .vendorExtensions(6);

  static final MessageShape BASIC_AUTHENTICATION_SECURITY = message("BasicAuthenticationSecurity")
      .string("type", 1).string("description", 2).vendorExtensions(3).required("type");

  static final MessageShape API_KEY_SECURITY = message("ApiKeySecurity")
      .string("type", 1).string("name", 2).string("in", 3).string("description", 4).vendorExtensions(5)
      .required("in", "name", "type");

  static final MessageShape OAUTH2_IMPLICIT_SECURITY = oauth2("Oauth2ImplicitSecurity")
      .string("authorizationUrl", 4).string("description", 5).vendorExtensions(6)
      .required("authorizationUrl", "flow", "type");

  static final MessageShape OAUTH2_PASSWORD_SECURITY = oauth2("Oauth2PasswordSecurity")
      .string("tokenUrl", 4).string("description", 5).vendorExtensions(6).required("flow", "tokenUrl", "type");

  static final MessageShape OAUTH2_APPLICATION_SECURITY = oauth2("Oauth2ApplicationSecurity")
      .string("tokenUrl", 4).string("description", 5).vendorExtensions(6).required("flow", "tokenUrl", "type");

  static final MessageShape OAUTH2_ACCESS_CODE_SECURITY = oauth2("Oauth2AccessCodeSecurity")
      .string("authorizationUrl", 4).string("tokenUrl", 5).string("description", 6).vendorExtensions(7)
      .required("authorizationUrl", "flow", "tokenUrl", "type");

  private GnosticV2Messages() {}

  /**
   * The fields every primitive parameter, header and items object shares, numbered consecutively from
   * {@code first} (type, format, items, ..., multipleOf).
   */
  private static MessageShape primitive(MessageShape shape, int first) {
    return shape.string("type", first)
        .string("format", first + 1)
        .message("items", first + 2, () -> GnosticV2Messages.PRIMITIVES_ITEMS)
        .string("collectionFormat", first + 3)
        .any("default", first + 4)
        .float64("maximum", first + 5)
        .bool("exclusiveMaximum", first + 6)
        .float64("minimum", first + 7)
        .bool("exclusiveMinimum", first + 8)
        .int64("maxLength", first + 9)
        .int64("minLength", first + 10)
        .string("pattern", first + 11)
        .int64("maxItems", first + 12)
        .int64("minItems", first + 13)
        .bool("uniqueItems", first + 14)
        .anys("enum", first + 15)
        .float64("multipleOf", first + 16);
  }

  private static MessageShape oauth2(String name) {
    return message(name).string("type", 1).string("flow", 2).message("scopes", 3, () -> GnosticV2Messages::scopes);
  }

  /** A map message ({@code Definitions}, {@code Properties}, ...): {@code repeated Named<T> field}. */
  private static MessageEncoder named(int field, MessageEncoder value) {
    return (node, where) -> {
      WireMessage out = new WireMessage();
      namedEntries(out, field, node, key -> true, value, where);
      return out;
    };
  }

  /** Each selected entry of {@code node} as {@code Named<T>{name = 1, value = 2}} in field {@code field}. */
  private static void namedEntries(WireMessage out, int field, JsonNode node, Predicate<String> selected,
      MessageEncoder value, String where) {
    if (!node.isObject()) {
      throw Refusal.at(where, "has unexpected value: " + node + " (expected an object)");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (selected.test(entry.getKey())) {
        WireMessage named = new WireMessage().string(1, entry.getKey())
            .message(2, value.encode(entry.getValue(), where + "." + entry.getKey()));
        out.message(field, named);
      }
    }
  }

  /** {@code Paths}: vendor extensions = 1, then {@code NamedPathItem path = 2} for each "/..." key. */
  private static WireMessage paths(JsonNode node, String where) {
    refuseKeys(node, key -> !key.startsWith("/") && !MessageShape.isVendorExtension(key), where);
    WireMessage out = new WireMessage();
    MessageShape.vendorExtensions(out, 1, node);
    namedEntries(out, 2, node, key -> key.startsWith("/"), PATH_ITEM, where);
    return out;
  }

  /** {@code Responses}: {@code NamedResponseValue response_code = 1} per status code, vendor extensions = 2. */
  private static WireMessage responses(JsonNode node, String where) {
    refuseKeys(node, key -> !RESPONSE_CODE.matcher(key).matches() && !MessageShape.isVendorExtension(key), where);
    WireMessage out = new WireMessage();
    namedEntries(out, 1, node, key -> RESPONSE_CODE.matcher(key).matches(), GnosticV2Messages::responseValue, where);
    MessageShape.vendorExtensions(out, 2, node);
    return out;
  }

  /** {@code ParametersItem}: a JsonReference (2) for a {@code $ref}, else a Parameter (1). */
  private static WireMessage parametersItem(JsonNode node, String where) {
    return node.has("$ref")
        ? new WireMessage().message(2, JSON_REFERENCE.encode(node, where))
        : new WireMessage().message(1, parameter(node, where));
  }

  /** {@code Parameter}: BodyParameter (1) for {@code in: body}, else NonBodyParameter (2). */
  private static WireMessage parameter(JsonNode node, String where) {
    return "body".equals(node.path("in").asText(null))
        ? new WireMessage().message(1, BODY_PARAMETER.encode(node, where))
        : new WireMessage().message(2, nonBodyParameter(node, where));
  }

  /** {@code NonBodyParameter}: the sub-schema of its {@code in}: header 1, formData 2, query 3, path 4. */
  private static WireMessage nonBodyParameter(JsonNode node, String where) {
    for (String key : new String[] {"in", "name", "type"}) {
      if (!node.has(key)) {
        throw Refusal.at(where, "is missing required property: " + key);
      }
    }
    String in = node.path("in").asText();
    return switch (in) {
      case "header" -> new WireMessage().message(1, HEADER_PARAMETER.encode(node, where));
      case "formData" -> new WireMessage().message(2, FORM_DATA_PARAMETER.encode(node, where));
      case "query" -> new WireMessage().message(3, QUERY_PARAMETER.encode(node, where));
      case "path" -> new WireMessage().message(4, PATH_PARAMETER.encode(node, where));
      default -> throw Refusal.at(where, "contains an invalid NonBodyParameter: in " + in);
    };
  }

  /** {@code ResponseValue}: a JsonReference (2) for a {@code $ref}, else a Response (1). */
  private static WireMessage responseValue(JsonNode node, String where) {
    return node.has("$ref")
        ? new WireMessage().message(2, JSON_REFERENCE.encode(node, where))
        : new WireMessage().message(1, RESPONSE.encode(node, where));
  }

  /**
   * {@code SchemaItem}: a FileSchema (2) when the object is one ({@code type: file} and only the keys a
   * FileSchema has: gnostic keeps the last member that parses), else a Schema (1).
   */
  private static WireMessage schemaItem(JsonNode node, String where) {
    boolean file = node.isObject() && "file".equals(node.path("type").asText(null)) && FILE_SCHEMA.acceptsKeysOf(node);
    return file
        ? new WireMessage().message(2, FILE_SCHEMA.encode(node, where))
        : new WireMessage().message(1, SCHEMA.encode(node, where));
  }

  /** {@code AdditionalPropertiesItem}: the bool member (2) for true or false, else a Schema (1). */
  private static WireMessage additionalPropertiesItem(JsonNode node, String where) {
    return node.isBoolean()
        ? new WireMessage().oneofBool(2, node.booleanValue())
        : new WireMessage().message(1, SCHEMA.encode(node, where));
  }

  /** {@code TypeItem}: {@code repeated string value = 1} from a string or an array of strings. */
  private static WireMessage typeItem(JsonNode node, String where) {
    WireMessage out = new WireMessage();
    if (node.isArray()) {
      node.forEach(type -> out.element(1, MessageShape.text(type, where)));
    } else {
      out.element(1, MessageShape.text(node, where));
    }
    return out;
  }

  /** {@code ItemsItem}: {@code repeated Schema schema = 1}, one schema (gnostic refuses a tuple array). */
  private static WireMessage itemsItem(JsonNode node, String where) {
    if (!node.isObject()) {
      throw Refusal.at(where, "has unexpected value for item array: " + node);
    }
    return new WireMessage().message(1, SCHEMA.encode(node, where));
  }

  /** {@code Examples}: {@code repeated NamedAny additional_properties = 1}. */
  private static WireMessage examples(JsonNode node, String where) {
    return named(1, (value, at) -> MessageShape.any(value)).encode(node, where);
  }

  /** {@code Oauth2Scopes}: {@code repeated NamedString additional_properties = 1}. */
  private static WireMessage scopes(JsonNode node, String where) {
    if (!node.isObject()) {
      throw Refusal.at(where, "has unexpected value: " + node + " (expected an object)");
    }
    WireMessage out = new WireMessage();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String value = MessageShape.text(entry.getValue(), where + "." + entry.getKey());
      out.message(1, new WireMessage().string(1, entry.getKey()).string(2, value));
    }
    return out;
  }

  /** {@code StringArray}: {@code repeated string value = 1}. */
  private static WireMessage stringArray(JsonNode node, String where) {
    if (!node.isArray()) {
      throw Refusal.at(where, "has unexpected value: " + node + " (expected an array)");
    }
    WireMessage out = new WireMessage();
    node.forEach(value -> out.element(1, MessageShape.text(value, where)));
    return out;
  }

  /** {@code SecurityDefinitionsItem}: the member its {@code type} (and for oauth2, {@code flow}) names. */
  private static WireMessage securityDefinitionsItem(JsonNode node, String where) {
    String type = node.path("type").asText("");
    String flow = node.path("flow").asText("");
    return switch (type + "/" + (type.equals("oauth2") ? flow : "")) {
      case "basic/" -> new WireMessage().message(1, BASIC_AUTHENTICATION_SECURITY.encode(node, where));
      case "apiKey/" -> new WireMessage().message(2, API_KEY_SECURITY.encode(node, where));
      case "oauth2/implicit" -> new WireMessage().message(3, OAUTH2_IMPLICIT_SECURITY.encode(node, where));
      case "oauth2/password" -> new WireMessage().message(4, OAUTH2_PASSWORD_SECURITY.encode(node, where));
      case "oauth2/application" -> new WireMessage().message(5, OAUTH2_APPLICATION_SECURITY.encode(node, where));
      case "oauth2/accessCode" -> new WireMessage().message(6, OAUTH2_ACCESS_CODE_SECURITY.encode(node, where));
      default -> throw Refusal.at(where, "contains an invalid SecurityDefinitionsItem");
    };
  }

  private static void refuseKeys(JsonNode node, Predicate<String> invalid, String where) {
    if (!node.isObject()) {
      throw Refusal.at(where, "has unexpected value: " + node + " (expected an object)");
    }
    for (String key : MessageShape.keys(node)) {
      if (invalid.test(key)) {
        throw Refusal.at(where, "has invalid property: " + key);
      }
    }
  }
}
