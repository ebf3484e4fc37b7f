/**
 * Delivery: how hub events reach one session's client. {@link dev.herald.route.Mailbox} is the
 * session's end of the hub (its unread events, its filter, the acknowledgements);
 * {@link dev.herald.route.Route} is the form an event takes on the wire, chosen per session.
 */
package dev.herald.route;
