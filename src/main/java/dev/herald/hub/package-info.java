/**
 * The hub: one per state directory ({@link dev.herald.hub.HeraldHome}), held by whichever Herald
 * process owns the lock file ({@link dev.herald.hub.HubHost}). It serves JSON-RPC lines on a Unix
 * socket only the user can reach ({@link dev.herald.hub.Hub}): publishing into the journal,
 * fan-out to every attached session, replay, dedup, rate limits. {@link dev.herald.hub.HubClient}
 * is the other end, used by sessions and the CLI; it reconnects by itself and resends what was not
 * acknowledged.
 */
package dev.herald.hub;
