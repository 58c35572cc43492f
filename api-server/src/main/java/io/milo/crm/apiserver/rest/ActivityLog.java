package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ActivityLog writes every accepted mutation as one JSON line on standard output, shaped as an
 * {@code audit.k8s.io/v1} Event (user, verb, object reference, response code) with, for CRM
 * objects, the person or company concerned as a field, so a log pipeline can answer "what happened
 * to john-doe-acme" ({@code {app="crm"} | json | person="john-doe-acme"}). Lines are written by a
 * thread of their own: a slow stdout never blocks an event loop; if the queue is full a line is
 * dropped and counted in the server log rather than stalling requests.
 */
public final class ActivityLog {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityLog.class);
  private static final int QUEUE = 10_000;

  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE);
  private final PrintStream out;

  public ActivityLog(PrintStream out) {
    this.out = out;
    Thread writer = new Thread(this::drain, "activity-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** Records an accepted mutation; written is the object as stored (or deleted), may be null. */
  void record(RequestContext ctx, String verb, int code, JsonNode written) {
    ObjectNode event = JsonNodeFactory.instance.objectNode().put("kind", "Event").put("apiVersion", "audit.k8s.io/v1")
        .put("level", "Metadata").put("auditID", UUID.randomUUID().toString()).put("stage", "ResponseComplete")
        .put("requestURI", ctx.request == null ? "" : ctx.request.uri()).put("verb", verb);
    ObjectNode user = event.putObject("user").put("username", ctx.user.name());
    ctx.user.groups().forEach(user.withArray("groups")::add);
    JsonNode metadata = written == null ? JsonNodeFactory.instance.objectNode() : written.path("metadata");
    String name = metadata.path("name").asText(ctx.name());
    ObjectNode ref = event.putObject("objectRef").put("resource", ctx.kind.plural()).put("name", name)
        .put("apiGroup", ctx.kind.group()).put("apiVersion", ctx.kind.declaration().version());
    if (!ctx.namespace().isEmpty()) {
      ref.put("namespace", ctx.namespace());
    }
    if (!ctx.path.subresource().isEmpty()) {
      ref.put("subresource", ctx.path.subresource());
    }
    if (metadata.hasNonNull("uid")) {
      ref.put("uid", metadata.path("uid").asText());
    }
    event.putObject("responseStatus").put("code", code);
    String now = Instant.now().toString();
    event.put("requestReceivedTimestamp", now).put("stageTimestamp", now);
    subject(ctx, name, written, event);
    if (!lines.offer(new String(Codec.json(event), StandardCharsets.UTF_8))) {
      LOG.warn("activity log queue full: a line was dropped");
    }
  }

  /** The person or company a CRM mutation is about, as top-level fields a log query can select on. */
  private static void subject(RequestContext ctx, String name, JsonNode written, ObjectNode event) {
    switch (ctx.kind.plural()) {
      case "people" -> event.put("person", name);
      case "companies" -> event.put("company", name);
      case "notes" -> {
        JsonNode subject = written == null ? null : written.path("spec").path("subjectRef");
        if (subject != null && subject.path("kind").asText().equals("Person")) {
          event.put("person", subject.path("name").asText());
        } else if (subject != null && subject.path("kind").asText().equals("Company")) {
          event.put("company", subject.path("name").asText());
        }
      }
      default -> { }
    }
  }

  private void drain() {
    while (true) {
      try {
        out.println(lines.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
