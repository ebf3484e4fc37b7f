/**
 * Chat rooms between the sessions and people of one {@code HERALD_HOME} (issue 12). The hub keeps
 * the rooms ({@code Lobby}, {@code Changes}) and stores every change as an event of a reserved
 * topic ({@code room} for the queue, {@code room/<room_id>} for a room) addressed to the members'
 * connections ({@code session.<id>}), so a new hub rebuilds them from the journal's last day and
 * members receive them through the feed they already have; message ids are event ids. In each
 * session, {@code Seat} turns those events into one notification each, by one route, and
 * {@code RoomTools} are the tools. {@link dev.herald.rooms.Rooms} is the only public type.
 */
package dev.herald.rooms;
