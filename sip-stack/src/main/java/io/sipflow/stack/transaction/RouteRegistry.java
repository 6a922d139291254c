package io.sipflow.stack.transaction;

import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.Transport;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link ResponseRoute}s that {@link RemnantSlab} entries point to, by small integer id and
 * reference-counted, so that an entry holds an int instead of a reference (the slab's arrays
 * then hold no references at all) and a route, with its flow, is let go when its last entry
 * expires. Consecutive requests from one peer share one route object
 * ({@link ResponseRoute#of(io.sipflow.message.header.Via, io.sipflow.stack.transport.Flow, ResponseRoute)}),
 * so a busy shard holds a handful of routes for thousands of entries. A route remembers its
 * id; the id is trusted only when the registry still maps it to that very route. When the
 * requests of many peers interleave, every request has a route object of its own: routes
 * equal in value (same flow by {@link Flow#equals}, transport, host and ports) then share the
 * id of the first, so the registry holds one route per peer, never one per entry. Shard-owned.
 */
final class RouteRegistry {
    private ResponseRoute[] routes = new ResponseRoute[8];
    private int[] refs = new int[8];
    /** Free ids, a stack. */
    private int[] free = new int[8];
    private int freeCount;
    /** Ids ever handed out (the high-water mark). */
    private int used;
    private int size;
    private final Map<Key, Integer> byValue = new HashMap<>();

    /** What makes two routes send alike. */
    private record Key(Flow flow, Transport transport, String host, int port, int sentByPort) {
        static Key of(ResponseRoute r) {
            return new Key(r.flow(), r.transport(), r.host(), r.port(), r.sentByPort());
        }
    }

    /** The id of {@code route}, its count raised by one. */
    int acquire(ResponseRoute route) {
        int id = route.registryId;
        if (id < 0 || id >= used || routes[id] != route) {
            Key key = Key.of(route);
            Integer known = byValue.get(key);
            if (known != null) {
                id = known;
            } else {
                id = freeCount > 0 ? free[--freeCount] : newId();
                routes[id] = route;
                refs[id] = 0;
                byValue.put(key, id);
                size++;
            }
            route.registryId = id;
        }
        refs[id]++;
        return id;
    }

    private int newId() {
        if (used == routes.length) {
            routes = Arrays.copyOf(routes, 2 * used);
            refs = Arrays.copyOf(refs, 2 * used);
            free = Arrays.copyOf(free, 2 * used);
        }
        return used++;
    }

    ResponseRoute get(int id) {
        return routes[id];
    }

    /** Lowers the count of {@code id}; at zero the route is dropped and the id reused. */
    void release(int id) {
        if (--refs[id] > 0) return;
        byValue.remove(Key.of(routes[id]));
        routes[id] = null;
        free[freeCount++] = id;
        size--;
    }

    /** Routes held. */
    int size() {
        return size;
    }
}
