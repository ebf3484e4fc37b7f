/**
 * The HTTP way into the hub, served by the dedicated hub ({@code herald hub --listen}): a Herald
 * event as JSON, ntfy-style plain messages, and signed webhooks (Standard Webhooks, GitHub) in;
 * a page of the journal and a server-sent event stream out. {@link dev.herald.ingress.Ingress} is
 * the one entry point; the rest is package-private. Authentication (a bearer token in
 * {@code HERALD_HOME/token}, or a source's signature) is checked before a request's body is read.
 */
package dev.herald.ingress;
