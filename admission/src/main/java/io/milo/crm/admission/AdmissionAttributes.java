package io.milo.crm.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * AdmissionAttributes is what a plugin knows of a request (admission.Attributes): the operation, the
 * resource and object addressed, the object as it will be written (mutable for mutating plugins)
 * and as it was, the user, and whether it is a dry run. Plugins add warnings for the client.
 *
 * @param object the new object (null for DELETE)
 * @param oldObject the stored object (null for CREATE)
 */
public record AdmissionAttributes(
    Operation operation,
    String group,
    String version,
    String kind,
    String resource,
    String subresource,
    String namespace,
    String name,
    ObjectNode object,
    ObjectNode oldObject,
    UserInfo user,
    boolean dryRun,
    List<String> warnings) {}
