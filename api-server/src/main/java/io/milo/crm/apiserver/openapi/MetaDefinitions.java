package io.milo.crm.apiserver.openapi;

import static io.milo.crm.apiserver.openapi.SchemaNodes.NODES;
import static io.milo.crm.apiserver.openapi.SchemaNodes.arrayOf;
import static io.milo.crm.apiserver.openapi.SchemaNodes.bool;
import static io.milo.crm.apiserver.openapi.SchemaNodes.dateTime;
import static io.milo.crm.apiserver.openapi.SchemaNodes.integer;
import static io.milo.crm.apiserver.openapi.SchemaNodes.object;
import static io.milo.crm.apiserver.openapi.SchemaNodes.ref;
import static io.milo.crm.apiserver.openapi.SchemaNodes.required;
import static io.milo.crm.apiserver.openapi.SchemaNodes.string;
import static io.milo.crm.apiserver.openapi.SchemaNodes.stringMap;
import static io.milo.crm.apiserver.openapi.SchemaNodes.withProperties;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MetaDefinitions holds the apimachinery types a custom resource's OpenAPI documents refer to
 * (ObjectMeta and what it uses, ListMeta, Status, DeleteOptions, Patch), as the kube-apiserver of
 * release 1.33 publishes them for CRDs: the same descriptions, types, formats, defaults and list
 * extensions (k8s.io/apimachinery pkg/apis/meta/v1 at v0.33, through the generated OpenAPI
 * definitions). kubectl explain prints these descriptions ({@code kubectl explain people.metadata.labels}),
 * so the wording is reproduced exactly. Only the types a CRD document can reach are here; the writers
 * publish those actually referenced.
 */
final class MetaDefinitions {
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String OBJECT_META = META + "ObjectMeta";
  static final String LIST_META = META + "ListMeta";
  static final String STATUS = META + "Status";
  static final String DELETE_OPTIONS = META + "DeleteOptions";
  static final String PATCH = META + "Patch";
  static final String TIME = META + "Time";
  static final String MANAGED_FIELDS_ENTRY = META + "ManagedFieldsEntry";
  static final String FIELDS_V1 = META + "FieldsV1";
  static final String OWNER_REFERENCE = META + "OwnerReference";
  static final String STATUS_DETAILS = META + "StatusDetails";
  static final String STATUS_CAUSE = META + "StatusCause";
  static final String PRECONDITIONS = META + "Preconditions";

  /** TypeMeta's field descriptions, which every kind and list schema carries for apiVersion and kind. */
  static final String API_VERSION_DOC = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
  static final String KIND_DOC = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
  /** PartialObjectMetadata(List)'s metadata descriptions, which the CRD builder gives the kind and list schemas. */
  static final String OBJECT_METADATA_DOC = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
  static final String LIST_METADATA_DOC = "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

  private static final String DRY_RUN_DOC = "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed";
  private static final String SELF_LINK_DOC = "Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.";

  /**
   * The group versions whose scheme registers DeleteOptions in client-go 1.33
   * (kubernetes/scheme/register.go, plus the core group), which is where the CRD builder's
   * definition namer takes DeleteOptions' x-kubernetes-group-version-kind from; sorted as the namer
   * sorts them.
   */
  private static final List<String> DELETE_OPTIONS_GROUP_VERSIONS = List.of("/v1", "admissionregistration.k8s.io/v1",
      "admissionregistration.k8s.io/v1alpha1", "admissionregistration.k8s.io/v1beta1", "apps/v1", "apps/v1beta1",
      "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
      "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2",
      "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1",
      "certificates.k8s.io/v1alpha1", "certificates.k8s.io/v1beta1", "coordination.k8s.io/v1",
      "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1",
      "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
      "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
      "flowcontrol.apiserver.k8s.io/v1beta3", "internal.apiserver.k8s.io/v1alpha1", "networking.k8s.io/v1",
      "networking.k8s.io/v1alpha1", "networking.k8s.io/v1beta1", "node.k8s.io/v1", "node.k8s.io/v1alpha1",
      "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
      "rbac.authorization.k8s.io/v1alpha1", "rbac.authorization.k8s.io/v1beta1", "resource.k8s.io/v1alpha3",
      "resource.k8s.io/v1beta1", "resource.k8s.io/v1beta2", "scheduling.k8s.io/v1", "scheduling.k8s.io/v1alpha1",
      "scheduling.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1", "storage.k8s.io/v1beta1",
      "storagemigration.k8s.io/v1alpha1");

  private MetaDefinitions() {}

  /** Every definition by name, in the neutral form of {@link SchemaNodes}; a fresh copy per call. */
  static Map<String, ObjectNode> all() {
    Map<String, ObjectNode> all = new LinkedHashMap<>();
    all.put(OBJECT_META, objectMeta());
    all.put(MANAGED_FIELDS_ENTRY, managedFieldsEntry());
    all.put(FIELDS_V1, object("FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.\n\nEach key is either a '.' representing the field itself, and will always map to an empty set, or a string representing a sub-field or item. The string will follow one of these four formats: 'f:<name>', where <name> is the name of a field in a struct, or key in a map 'v:<value>', where <value> is the exact json formatted value of a list item 'i:<index>', where <index> is position of a item in a list 'k:<keys>', where <keys> is a map of  a list item's key fields to their unique values If a key maps to an empty Fields value, the field that key represents is part of the set.\n\nThe exact format is defined in sigs.k8s.io/structured-merge-diff"));
    all.put(OWNER_REFERENCE, ownerReference());
    all.put(TIME, dateTime("Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers."));
    all.put(LIST_META, listMeta());
    all.put(STATUS, status());
    all.put(STATUS_DETAILS, statusDetails());
    all.put(STATUS_CAUSE, statusCause());
    all.put(DELETE_OPTIONS, deleteOptions());
    all.put(PRECONDITIONS, preconditions());
    all.put(PATCH, object("Patch is provided to give a concrete name and type to the Kubernetes PATCH request body."));
    return all;
  }

  private static ObjectNode objectMeta() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("annotations", stringMap("Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations"));
    p.put("creationTimestamp", ref(TIME, "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"));
    p.put("deletionGracePeriodSeconds", integer("Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only.", "int64"));
    p.put("deletionTimestamp", ref(TIME, "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client. The resource is expected to be deleted (no longer visible from resource lists, and not reachable by name) after the time in this field, once the finalizers list is empty. As long as the finalizers list contains items, deletion is blocked. Once the deletionTimestamp is set, this value may not be unset or be set further into the future, although it may be shortened or the resource may be deleted prior to this time. For example, a user may request that a pod is deleted in 30 seconds. The Kubelet will react by sending a graceful termination signal to the containers in the pod. After that 30 seconds, the Kubelet will send a hard termination signal (SIGKILL) to the container and after cleanup, remove the pod from the API. In the presence of network partitions, this object may still exist after this timestamp, until an administrator or automated process can determine the resource is fully terminated. If not set, graceful deletion of the object has not been requested.\n\nPopulated by the system when a graceful deletion is requested. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"));
    p.put("finalizers", arrayOf(defaultedString(), "Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list. If the deletionTimestamp of the object is non-nil, entries in this list can only be removed. Finalizers may be processed and removed in any order.  Order is NOT enforced because it introduces significant risk of stuck finalizers. finalizers is a shared field, any actor with permission can reorder it. If the finalizer list is processed in order, then this can lead to a situation in which the component responsible for the first finalizer in the list is waiting for a signal (field value, external system, or other) produced by a component responsible for a finalizer later in the list, resulting in a deadlock. Without enforced ordering finalizers are free to order amongst themselves and are not vulnerable to ordering changes in the list.")
        .put("x-kubernetes-list-type", "set").put("x-kubernetes-patch-strategy", "merge"));
    p.put("generateName", string("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided. If this field is used, the name returned to the client will be different than the name passed. This value will also be combined with a unique suffix. The provided value has the same validation rules as the Name field, and may be truncated by the length of the suffix required to make the value unique on the server.\n\nIf this field is specified and the generated name exists, the server will return a 409.\n\nApplied only if Name is not specified. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#idempotency"));
    p.put("generation", integer("A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.", "int64"));
    p.put("labels", stringMap("Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels"));
    p.put("managedFields", arrayOf(defaultedRef(MANAGED_FIELDS_ENTRY), "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn't need to set or understand this field. A workflow can be the user's name, a controller's name, or the name of a specific apply path like \"ci-cd\". The set of fields is always in the version that the workflow used when modifying the object.")
        .put("x-kubernetes-list-type", "atomic"));
    p.put("name", string("Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"));
    p.put("namespace", string("Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the \"default\" namespace, but \"default\" is the canonical representation. Not all objects are required to be scoped to a namespace - the value of this field for those objects will be empty.\n\nMust be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces"));
    ObjectNode owners = arrayOf(defaultedRef(OWNER_REFERENCE), "List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected. If this object is managed by a controller, then an entry in this list will point to this controller, with the controller field set to true. There cannot be more than one managing controller.");
    owners.putArray("x-kubernetes-list-map-keys").add("uid");
    owners.put("x-kubernetes-list-type", "map").put("x-kubernetes-patch-merge-key", "uid").put("x-kubernetes-patch-strategy", "merge");
    p.put("ownerReferences", owners);
    p.put("resourceVersion", string("An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. May be used for optimistic concurrency, change detection, and the watch operation on a resource or set of resources. Clients must treat these values as opaque and passed unmodified back to the server. They may only be valid for a particular resource or set of resources.\n\nPopulated by the system. Read-only. Value must be treated as opaque by clients and . More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency"));
    p.put("selfLink", string(SELF_LINK_DOC));
    p.put("uid", string("UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations.\n\nPopulated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids"));
    return withProperties(object("ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create."), p);
  }

  private static ObjectNode managedFieldsEntry() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("apiVersion", string("APIVersion defines the version of this resource that this field set applies to. The format is \"group/version\" just like the top-level APIVersion field. It is necessary to track the version of a field set because it cannot be automatically converted."));
    p.put("fieldsType", string("FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: \"FieldsV1\""));
    p.put("fieldsV1", ref(FIELDS_V1, "FieldsV1 holds the first JSON version format as described in the \"FieldsV1\" type."));
    p.put("manager", string("Manager is an identifier of the workflow managing these fields."));
    p.put("operation", string("Operation is the type of operation which lead to this ManagedFieldsEntry being created. The only valid values for this field are 'Apply' and 'Update'."));
    p.put("subresource", string("Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource. The value of this field is used to distinguish between managers, even if they share the same name. For example, a status update will be distinct from a regular update using the same manager name. Note that the APIVersion field is not related to the Subresource field and it always corresponds to the version of the main resource."));
    p.put("time", ref(TIME, "Time is the timestamp of when the ManagedFields entry was added. The timestamp will also be updated if a field is added, the manager changes any of the owned fields value or removes a field. The timestamp does not update when a field is removed from the entry because another manager took it over."));
    return withProperties(object("ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to."), p);
  }

  private static ObjectNode ownerReference() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("apiVersion", string("API version of the referent.").put("default", ""));
    p.put("blockOwnerDeletion", bool("If true, AND if the owner has the \"foregroundDeletion\" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed. See https://kubernetes.io/docs/concepts/architecture/garbage-collection/#foreground-deletion for how the garbage collector interacts with this field and enforces the foreground deletion. Defaults to false. To set this field, a user needs \"delete\" permission of the owner, otherwise 422 (Unprocessable Entity) will be returned."));
    p.put("controller", bool("If true, this reference points to the managing controller."));
    p.put("kind", string("Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds").put("default", ""));
    p.put("name", string("Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names").put("default", ""));
    p.put("uid", string("UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids").put("default", ""));
    ObjectNode schema = withProperties(object("OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field."), p);
    required(schema, "apiVersion", "kind", "name", "uid");
    return schema.put("x-kubernetes-map-type", "atomic");
  }

  private static ObjectNode listMeta() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("continue", string("continue may be set if the user set a limit on the number of items returned, and indicates that the server has more data available. The value is opaque and may be used to issue another request to the endpoint that served this list to retrieve the next set of available objects. Continuing a consistent list may not be possible if the server configuration has changed or more than a few minutes have passed. The resourceVersion field returned when using this continue value will be identical to the value in the first response, unless you have received this token from an error message."));
    p.put("remainingItemCount", integer("remainingItemCount is the number of subsequent items in the list which are not included in this list response. If the list request contained label or field selectors, then the number of remaining items is unknown and the field will be left unset and omitted during serialization. If the list is complete (either because it is not chunking or because this is the last chunk), then there are no more remaining items and this field will be left unset and omitted during serialization. Servers older than v1.15 do not set this field. The intended use of the remainingItemCount is *estimating* the size of a collection. Clients should not rely on the remainingItemCount to be set or to be exact.", "int64"));
    p.put("resourceVersion", string("String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed. Value must be treated as opaque by clients and passed unmodified back to the server. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency"));
    p.put("selfLink", string(SELF_LINK_DOC));
    return withProperties(object("ListMeta describes metadata that synthetic resources must have, including lists and various status objects. A resource may have only one of {ObjectMeta, ListMeta}."), p);
  }

  private static ObjectNode status() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("apiVersion", string(API_VERSION_DOC));
    p.put("code", integer("Suggested HTTP return code for this status, 0 if not set.", "int32"));
    p.put("details", ref(STATUS_DETAILS, "Extended data associated with the reason.  Each reason may define its own extended details. This field is optional and the data returned is not guaranteed to conform to any schema except that defined by the reason type.")
        .put("x-kubernetes-list-type", "atomic"));
    p.put("kind", string(KIND_DOC));
    p.put("message", string("A human-readable description of the status of this operation."));
    ObjectNode metadata = ref(LIST_META, LIST_METADATA_DOC);
    metadata.set("default", NODES.objectNode());
    p.put("metadata", metadata);
    p.put("reason", string("A machine-readable description of why this operation is in the \"Failure\" status. If this value is empty there is no information available. A Reason clarifies an HTTP status code but does not override it."));
    p.put("status", string("Status of the operation. One of: \"Success\" or \"Failure\". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"));
    ObjectNode schema = withProperties(object("Status is a return value for calls that don't return other objects."), p);
    schema.putArray("x-kubernetes-group-version-kind").add(gvk("", "v1", "Status"));
    return schema;
  }

  private static ObjectNode statusDetails() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("causes", arrayOf(defaultedRef(STATUS_CAUSE), "The Causes array includes more details associated with the StatusReason failure. Not all StatusReasons may provide detailed causes.")
        .put("x-kubernetes-list-type", "atomic"));
    p.put("group", string("The group attribute of the resource associated with the status StatusReason."));
    p.put("kind", string("The kind attribute of the resource associated with the status StatusReason. On some operations may differ from the requested resource Kind. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"));
    p.put("name", string("The name attribute of the resource associated with the status StatusReason (when there is a single name which can be described)."));
    p.put("retryAfterSeconds", integer("If specified, the time in seconds before the operation should be retried. Some errors may indicate the client must take an alternate action - for those errors this field may indicate how long to wait before taking the alternate action.", "int32"));
    p.put("uid", string("UID of the resource. (when there is a single resource which can be described). More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids"));
    return withProperties(object("StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response. The Reason field of a Status object defines what attributes will be set. Clients must ignore fields that do not match the defined type of each attribute, and should assume that any attribute may be empty, invalid, or under defined."), p);
  }

  private static ObjectNode statusCause() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("field", string("The field of the resource that has caused this error, as named by its JSON serialization. May include dot and postfix notation for nested attributes. Arrays are zero-indexed.  Fields may appear more than once in an array of causes due to fields having multiple errors. Optional.\n\nExamples:\n  \"name\" - the field \"name\" on the current resource\n  \"items[0].name\" - the field \"name\" on the first array entry in \"items\""));
    p.put("message", string("A human-readable description of the cause of the error.  This field may be presented as-is to a reader."));
    p.put("reason", string("A machine-readable description of the cause of the error. If this value is empty there is no information available."));
    return withProperties(object("StatusCause provides more information about an api.Status failure, including cases when multiple errors are encountered."), p);
  }

  private static ObjectNode deleteOptions() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("apiVersion", string(API_VERSION_DOC));
    p.put("dryRun", arrayOf(defaultedString(), DRY_RUN_DOC).put("x-kubernetes-list-type", "atomic"));
    p.put("gracePeriodSeconds", integer("The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately.", "int64"));
    p.put("ignoreStoreReadErrorWithClusterBreakingPotential", bool("if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error. A resource is considered corrupt if it can not be retrieved from the underlying storage successfully because of a) its data can not be transformed e.g. decryption failure, or b) it fails to decode into an object. NOTE: unsafe deletion ignores finalizer constraints, skips precondition checks, and removes the object from the storage. WARNING: This may potentially break the cluster if the workload associated with the resource being unsafe-deleted relies on normal deletion flow. Use only if you REALLY know what you are doing. The default value is false, and the user must opt in to enable it"));
    p.put("kind", string(KIND_DOC));
    p.put("orphanDependents", bool("Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned. If true/false, the \"orphan\" finalizer will be added to/removed from the object's finalizers list. Either this field or PropagationPolicy may be set, but not both."));
    p.put("preconditions", ref(PRECONDITIONS, "Must be fulfilled before a deletion is carried out. If not possible, a 409 Conflict status will be returned."));
    p.put("propagationPolicy", string("Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground."));
    ObjectNode schema = withProperties(object("DeleteOptions may be provided when deleting an API object."), p);
    ArrayNode kinds = schema.putArray("x-kubernetes-group-version-kind");
    for (String groupVersion : DELETE_OPTIONS_GROUP_VERSIONS) {
      int slash = groupVersion.indexOf('/');
      kinds.add(gvk(groupVersion.substring(0, slash), groupVersion.substring(slash + 1), "DeleteOptions"));
    }
    return schema;
  }

  private static ObjectNode preconditions() {
    Map<String, ObjectNode> p = new LinkedHashMap<>();
    p.put("resourceVersion", string("Specifies the target ResourceVersion"));
    p.put("uid", string("Specifies the target UID."));
    return withProperties(object("Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out."), p);
  }

  /** A GroupVersionKind as the x-kubernetes-group-version-kind extension spells it. */
  static ObjectNode gvk(String group, String version, String kind) {
    return NODES.objectNode().put("group", group).put("kind", kind).put("version", version);
  }

  private static ObjectNode defaultedString() {
    return NODES.objectNode().put("default", "").put("type", "string");
  }

  private static ObjectNode defaultedRef(String definition) {
    ObjectNode ref = ref(definition);
    ref.set("default", NODES.objectNode());
    return ref;
  }
}
