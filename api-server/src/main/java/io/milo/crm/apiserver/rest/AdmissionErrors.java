package io.milo.crm.apiserver.rest;

import io.milo.crm.admission.AdmissionException;

/** AdmissionErrors turns an admission plugin's refusal into its Status. */
final class AdmissionErrors {
  private AdmissionErrors() {}

  static ApiError toApiError(AdmissionException refused) {
    var details = ApiError.details(refused.name(), refused.group(), refused.kind());
    if (!refused.causes().isEmpty()) {
      var causes = details.putArray("causes");
      refused.causes().forEach(c -> causes.addObject().put("reason", c.reason()).put("message", c.body()).put("field", c.field()));
    }
    return ApiError.withDetails(refused.code(), refused.reason(), refused.getMessage(), details);
  }
}
