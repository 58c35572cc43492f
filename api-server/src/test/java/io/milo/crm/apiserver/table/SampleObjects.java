package io.milo.crm.apiserver.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Objects of each kind as the server stores and serves them, for the Table tests. */
final class SampleObjects {
  static final ObjectMapper JSON = new ObjectMapper();
  /** When the tables are built: the objects below were created 2 days and 2.5 hours earlier. */
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final String CREATED = "2026-11-20T09:30:00Z";

  static final String PERSON = """
      {"apiVersion": "crm.milo.io/v1alpha1", "kind": "Person",
       "metadata": {"name": "john-doe-acme", "uid": "0b4ad1f4-8b5c-4a4e-9a53-1f0e2cf2a001", "resourceVersion": "1042",
         "generation": 3, "creationTimestamp": "%s",
         "labels": {"crm.milo.io/source": "newsletter-signup", "crm.milo.io/status": "lead"},
         "annotations": {"crm.milo.io/note": "met at KubeCon"}, "finalizers": ["crm.milo.io/notes"],
         "managedFields": [{"manager": "kubectl", "operation": "Update", "apiVersion": "crm.milo.io/v1alpha1",
           "time": "%s", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}]},
       "spec": {"name": "John Doe", "jobTitle": "CTO", "companyRef": {"name": "acme"},
         "contactRefs": [{"name": "john", "namespace": "default", "type": "work", "primary": true}],
         "creatorRef": {"name": "alice@milo.io"}},
       "status": {"createdBy": "alice@milo.io", "conditions": []}}
      """.formatted(CREATED, CREATED);

  static final String COMPANY = """
      {"apiVersion": "crm.milo.io/v1alpha1", "kind": "Company",
       "metadata": {"name": "acme", "uid": "0b4ad1f4-8b5c-4a4e-9a53-1f0e2cf2a002", "resourceVersion": "1043",
         "generation": 1, "creationTimestamp": "%s", "labels": {"crm.milo.io/source": "referral"}},
       "spec": {"displayName": "Acme Corp", "domains": ["acme.com", "acme.io"],
         "linkedinProfile": "https://www.linkedin.com/company/acme", "creatorRef": {"name": "alice@milo.io"}},
       "status": {"createdBy": "alice@milo.io", "lastInteractionTime": "2026-11-22T11:00:00Z"}}
      """.formatted(CREATED);

  /** A company with nothing optional set. */
  static final String BARE_COMPANY = """
      {"apiVersion": "crm.milo.io/v1alpha1", "kind": "Company",
       "metadata": {"name": "initech", "uid": "0b4ad1f4-8b5c-4a4e-9a53-1f0e2cf2a003", "resourceVersion": "1044",
         "generation": 1, "creationTimestamp": "2026-11-22T11:59:30Z"},
       "spec": {"displayName": "Initech"}}
      """;

  static final String NOTE = """
      {"apiVersion": "crm.milo.io/v1alpha1", "kind": "Note",
       "metadata": {"name": "call-2026-11-20", "uid": "0b4ad1f4-8b5c-4a4e-9a53-1f0e2cf2a004", "resourceVersion": "1050",
         "generation": 1, "creationTimestamp": "%s"},
       "spec": {"subjectRef": {"apiGroup": "crm.milo.io", "kind": "Person", "name": "john-doe-acme"},
         "content": "Intro call; wants a demo.", "interactionTime": "2026-11-20T09:00:00Z",
         "nextAction": "Send the demo invite", "nextActionTime": "2026-12-01T09:00:00Z", "followUp": true,
         "creatorRef": {"name": "alice@milo.io"}},
       "status": {"createdBy": "alice@milo.io"}}
      """.formatted(CREATED);

  static final String CONTACT = """
      {"apiVersion": "notification.milo.io/v1alpha1", "kind": "Contact",
       "metadata": {"name": "john", "namespace": "default", "uid": "0b4ad1f4-8b5c-4a4e-9a53-1f0e2cf2a005",
         "resourceVersion": "1060", "generation": 1, "creationTimestamp": "%s"},
       "spec": {"email": "john@acme.com", "givenName": "John", "familyName": "Doe"},
       "status": {"providers": [{"name": "Resend", "id": "re_123"}], "providerID": "re_123",
         "conditions": [
           {"type": "Update", "status": "True", "reason": "UpdateSuccessful", "message": "",
            "lastTransitionTime": "%s"},
           {"type": "Ready", "status": "True", "reason": "AllProvidersReady", "message": "",
            "lastTransitionTime": "%s"}]}}
      """.formatted(CREATED, CREATED, CREATED);

  static final String CONTACT_GROUP = """
      {"apiVersion": "notification.milo.io/v1alpha1", "kind": "ContactGroup",
       "metadata": {"name": "newsletter", "namespace": "default", "uid": "0b4ad1f4-8b5c-4a4e-9a53-1f0e2cf2a006",
         "resourceVersion": "1061", "generation": 1, "creationTimestamp": "%s"},
       "spec": {"displayName": "Newsletter", "visibility": "public"},
       "status": {"conditions": [{"type": "Ready", "status": "Unknown", "reason": "CreatePending", "message": "",
         "lastTransitionTime": "%s"}]}}
      """.formatted(CREATED, CREATED);

  static final String MEMBERSHIP = """
      {"apiVersion": "notification.milo.io/v1alpha1", "kind": "ContactGroupMembership",
       "metadata": {"name": "john-newsletter", "namespace": "default", "uid": "0b4ad1f4-8b5c-4a4e-9a53-1f0e2cf2a007",
         "resourceVersion": "1062", "generation": 1, "creationTimestamp": "%s"},
       "spec": {"contactRef": {"name": "john", "namespace": "default"},
         "contactGroupRef": {"name": "newsletter", "namespace": "default"}},
       "status": {"conditions": [{"type": "Ready", "status": "False", "reason": "ProvidersNotReady", "message": "",
         "lastTransitionTime": "%s"}]}}
      """.formatted(CREATED, CREATED);

  /** Fresh: its status was never written. */
  static final String REMOVAL = """
      {"apiVersion": "notification.milo.io/v1alpha1", "kind": "ContactGroupMembershipRemoval",
       "metadata": {"name": "john-newsletter", "namespace": "default", "uid": "0b4ad1f4-8b5c-4a4e-9a53-1f0e2cf2a008",
         "resourceVersion": "1063", "generation": 1, "creationTimestamp": "2026-11-22T11:57:30Z"},
       "spec": {"contactRef": {"name": "john", "namespace": "default"},
         "contactGroupRef": {"name": "newsletter", "namespace": "default"}}}
      """;

  private SampleObjects() {}

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
