package io.milo.crm.apiserver.rest;

import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.table.TableConvertor;
import io.milo.crm.apiserver.validation.KindValidator;
import io.milo.crm.storage.ResourceType;

/**
 * ServedKind is one kind as the REST layer serves it: its declaration, plus what is compiled from
 * it once at startup (the store's resource type, the validator, the Table convertor), so a request
 * does no per-kind set-up. The generic handlers take all per-kind behaviour from here.
 */
public record ServedKind(KindDeclaration declaration, ResourceType type, KindValidator validator, TableConvertor table) {
  public static ServedKind of(KindDeclaration declaration) {
    return new ServedKind(declaration, declaration.resourceType(), KindValidator.of(declaration),
        TableConvertor.of(declaration));
  }

  public String group() {
    return declaration.group();
  }

  public String plural() {
    return declaration.plural();
  }

  public String kind() {
    return declaration.kind();
  }

  public boolean namespaced() {
    return declaration.namespaced();
  }
}
