package io.milo.crm.apiserver.kinds;

/** Columns several kinds share, written once so they read the same everywhere. */
final class Columns {
  /** As the kube-apiserver prints it: a date column, which kubectl shows as an age. */
  static final PrinterColumn AGE = PrinterColumn.of("Age", "date", ".metadata.creationTimestamp",
      "CreationTimestamp is a timestamp representing the server time when this object was created.");

  /** The acquisition source label (CRM kinds). */
  static final PrinterColumn SOURCE = PrinterColumn.of("Source", "string", ".metadata.labels.crm\\.milo\\.io/source",
      "The acquisition source: the crm.milo.io/source label.");

  /** The status of the Ready condition (notification kinds). */
  static final PrinterColumn READY = PrinterColumn.of("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status",
      "Whether the object is in step with its email providers: the status of the Ready condition.");

  private Columns() {}
}
