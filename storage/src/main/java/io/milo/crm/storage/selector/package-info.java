/**
 * Kubernetes label and field selectors: parsed, validated and matched as k8s.io/apimachinery does
 * ({@link io.milo.crm.storage.selector.LabelSelector}, {@link io.milo.crm.storage.selector.FieldSelector}),
 * so clients get an API server's answers and error messages, and compiled to index-friendly SQL
 * that selects the same objects ({@link io.milo.crm.storage.selector.SelectorSql}).
 */
package io.milo.crm.storage.selector;
