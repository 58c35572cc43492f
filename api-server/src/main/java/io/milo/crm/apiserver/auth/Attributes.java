package io.milo.crm.apiserver.auth;

import io.milo.crm.admission.UserInfo;

/**
 * Attributes are what an authorizer decides on: who asks (the authenticated user) and what the
 * request is (authorizer.Attributes in k8s.io/apiserver).
 */
public record Attributes(UserInfo user, RequestInfo request) {}
