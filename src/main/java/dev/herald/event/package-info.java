/**
 * The event model: what is published into the hub ({@link dev.herald.event.Draft}), what the
 * journal stores and every session receives ({@link dev.herald.event.Event}), and the rules a draft
 * must pass. Immutable values, safe on any thread; nothing here does I/O.
 */
package dev.herald.event;
