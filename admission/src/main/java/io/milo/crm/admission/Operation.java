package io.milo.crm.admission;

/** What a request does to an object, as admission.Operation names it. */
public enum Operation { CREATE, UPDATE, DELETE }
