package io.milo.crm.sync.provider;

import java.util.concurrent.CompletionStage;

/**
 * ProviderClient is one email provider's API as the reconcilers use it. Every call is idempotent:
 * creations look for an existing object by a stable key first, and a delete that finds nothing (404)
 * counts as done, so a call repeated after a crash, a timeout or a restart changes nothing twice.
 * Failures complete the stage with a {@link ProviderException}.
 */
public interface ProviderClient {
  Provider provider();

  /**
   * Makes the provider hold the contact and returns its provider id. {@code knownId} is the id the
   * sync recorded before (null when none): a provider that cannot change an email (Resend) deletes
   * that contact and creates a new one when the email differs, so the returned id may be new.
   */
  CompletionStage<String> ensureContact(ContactData contact, String knownId);

  /** Deletes the provider's contact (absent is done). */
  CompletionStage<Void> deleteContact(ContactData contact, String id);

  /** Whether the provider creates lists itself; when false the list id comes from the ContactGroup's spec. */
  boolean createsLists();

  /**
   * Makes a list named {@code name} exist and returns its id (only when {@link #createsLists()}): the
   * list {@code knownId} is renamed when its name differs, so its members stay.
   */
  CompletionStage<String> ensureList(String name, String knownId);

  /** Deletes a list (absent is done; only when {@link #createsLists()}). */
  CompletionStage<Void> deleteList(String id);

  /** Puts the contact on the list ({@code member} true) or takes it off (false). */
  CompletionStage<Void> setMembership(ContactData contact, String contactId, String listId, boolean member);
}
