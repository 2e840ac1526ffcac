package io.github.strophejna.client;

import io.github.strophejna.internal.Json;
import io.github.strophejna.internal.Redactor;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stanzas a client sent and received, with time and direction: a bounded ring buffer for debugging
 * sessions, with live listeners and a JSON-lines export. SASL exchanges are not recorded and credentials
 * are redacted. Thread-safe; listeners run on the client's event-loop thread and must be quick.
 */
public final class StanzaHistory {

    private static final Logger LOG = LoggerFactory.getLogger(StanzaHistory.class);

    /** Which way a stanza went. */
    public enum Direction {
        /** Received from the server. */
        IN,
        /** Sent to the server. */
        OUT
    }

    /**
     * One recorded stanza.
     *
     * @param time when it was sent or received
     * @param direction which way
     * @param kind its element name (message, presence, iq, or another top-level element)
     * @param id its id, or null
     * @param from its from, or null
     * @param to its to, or null
     * @param xml its XML, credentials redacted
     */
    public record Entry(Instant time, Direction direction, String kind, String id, String from, String to, String xml) {

        /** @return the entry as one JSON object on one line */
        public String toJson() {
            StringBuilder sb = new StringBuilder(64 + xml.length());
            sb.append("{\"time\":\"").append(time).append("\",\"direction\":\"").append(direction.name().toLowerCase())
                    .append('"');
            field(sb, "kind", kind);
            field(sb, "id", id);
            field(sb, "from", from);
            field(sb, "to", to);
            field(sb, "xml", xml);
            return sb.append('}').toString();
        }

        private static void field(StringBuilder sb, String name, String value) {
            if (value != null) {
                sb.append(",\"").append(name).append("\":").append(Json.quote(value));
            }
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries;
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();

    StanzaHistory(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("history capacity must be >= 0, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** @return how many entries it keeps at most (0: it keeps none but still tells listeners) */
    public int capacity() {
        return capacity;
    }

    /** @return a copy of the entries, oldest first */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** Forgets every entry. */
    public synchronized void clear() {
        entries.clear();
    }

    /**
     * Calls the listener for every stanza recorded from now on, on the event-loop thread.
     *
     * @param listener the listener; exceptions it throws are logged and ignored
     * @return its registration
     */
    public Registration addListener(Consumer<Entry> listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /**
     * Writes the entries as JSON lines, oldest first.
     *
     * @param out where to
     * @throws IOException when writing fails
     */
    public void exportJsonLines(Writer out) throws IOException {
        for (Entry e : entries()) {
            out.write(e.toJson());
            out.write('\n');
        }
        out.flush();
    }

    boolean wanted() {
        return capacity > 0 || !listeners.isEmpty();
    }

    void record(Direction direction, io.github.strophejna.stanza.Stanza s, String xml) {
        record(direction, s.name(), s.id(), s.from(), s.to(), xml);
    }

    void record(Direction direction, String kind, String id, String from, String to, String xml) {
        Entry e = new Entry(Instant.now(), direction, kind, id, from, to, Redactor.redact(xml));
        if (capacity > 0) {
            synchronized (this) {
                if (entries.size() == capacity) {
                    entries.removeFirst();
                }
                entries.addLast(e);
            }
        }
        for (Consumer<Entry> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("a stanza history listener failed", ex);
            }
        }
    }
}
