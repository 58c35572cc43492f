package io.milo.crm.sync.provider;

/**
 * ContactData is what a provider is told about a Contact: its stable key ({@code uid}, the object's
 * {@code metadata.uid}), email and names.
 */
public record ContactData(String uid, String email, String givenName, String familyName) {}
