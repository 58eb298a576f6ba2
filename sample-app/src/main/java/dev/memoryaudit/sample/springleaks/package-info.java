/**
 * Switchable Spring-service leaks driven by real HTTP requests to this app: a RestClient call with a raw
 * (concatenated) URI that grows {@code http.client.requests}, a proxy generated per request in a fresh class loader,
 * and a session created per request; and a healthy counterpart of each.
 */
package dev.memoryaudit.sample.springleaks;
