package io.milo.crm.storage;

/** CurrentRow is an object as read for a write: the object and its indexed labels and fields as JSON text. */
record CurrentRow(StoredObject object, String labelsJson, String fieldsJson) {}
