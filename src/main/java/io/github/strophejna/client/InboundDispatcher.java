package io.github.strophejna.client;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.stanza.Presence;
import io.github.strophejna.stanza.Stanza;
import io.github.strophejna.stanza.StanzaError;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's handlers and where each incoming stanza and state change goes: message, presence and
 * state listeners, IQ responders by payload namespace (with {@code service-unavailable} for the unclaimed,
 * RFC 6120), and filtered handlers. User code runs through {@link #deliver}: on the loop thread, or on the
 * handler executor one at a time in order; an exception it throws is logged and changes nothing else.
 * Registration is thread-safe; dispatch runs on the loop thread.
 */
final class InboundDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private record FilteredHandler(Predicate<Stanza> filter, Consumer<Stanza> handler) {}

    private final Object owner;
    private final Executor handlerExecutor;
    /** Sends an IQ answer (through the client's outgoing path: interceptors, history). */
    private final Consumer<Iq> replier;
    private final List<Consumer<Message>> messageHandlers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Presence>> presenceHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, IqHandler> iqHandlers = new ConcurrentHashMap<>();
    private final List<FilteredHandler> handlers = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionState.StateChange>> stateListeners = new CopyOnWriteArrayList<>();

    /**
     * @param owner names the client in log lines
     * @param handlerExecutor where user code runs, or null for the loop thread
     * @param replier sends an IQ answer
     */
    InboundDispatcher(Object owner, Executor handlerExecutor, Consumer<Iq> replier) {
        this.owner = owner;
        this.handlerExecutor = handlerExecutor == null ? null : new SerialExecutor(handlerExecutor);
        this.replier = replier;
    }

    Registration onMessage(Consumer<Message> handler) {
        messageHandlers.add(Objects.requireNonNull(handler, "handler"));
        return () -> messageHandlers.remove(handler);
    }

    Registration onPresence(Consumer<Presence> handler) {
        presenceHandlers.add(Objects.requireNonNull(handler, "handler"));
        return () -> presenceHandlers.remove(handler);
    }

    Registration onIq(String namespace, IqHandler handler) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(handler, "handler");
        if (iqHandlers.putIfAbsent(namespace, handler) != null) {
            throw new IllegalStateException("the IQ namespace " + namespace + " already has a handler");
        }
        return () -> iqHandlers.remove(namespace, handler);
    }

    Registration addHandler(Predicate<Stanza> filter, Consumer<Stanza> handler) {
        FilteredHandler h = new FilteredHandler(Objects.requireNonNull(filter, "filter"), Objects.requireNonNull(handler, "handler"));
        handlers.add(h);
        return () -> handlers.remove(h);
    }

    Registration onStateChange(Consumer<ConnectionState.StateChange> listener) {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> stateListeners.remove(listener);
    }

    /** Tells the state listeners; loop thread. */
    void stateChanged(ConnectionState state, Throwable cause) {
        ConnectionState.StateChange change = new ConnectionState.StateChange(state, cause);
        for (Consumer<ConnectionState.StateChange> l : stateListeners) {
            deliver(() -> l.accept(change), "state listener", null);
        }
    }

    /** Dispatches one incoming stanza to the handlers; loop thread. */
    void dispatch(Stanza s) {
        switch (s.name()) {
            case "message" -> {
                if (!messageHandlers.isEmpty()) {
                    Message m = Message.of(s);
                    for (Consumer<Message> h : messageHandlers) {
                        deliver(() -> h.accept(m), "message handler", s);
                    }
                }
            }
            case "presence" -> {
                if (!presenceHandlers.isEmpty()) {
                    Presence p = Presence.of(s);
                    for (Consumer<Presence> h : presenceHandlers) {
                        deliver(() -> h.accept(p), "presence handler", s);
                    }
                }
            }
            case "iq" -> dispatchIq(s);
            default -> {
                // stream-level elements (features, SM acks) go to the filtered handlers only
            }
        }
        for (FilteredHandler h : handlers) {
            try {
                if (h.filter().test(s)) {
                    deliver(() -> h.handler().accept(s), "stanza handler", s);
                }
            } catch (RuntimeException e) {
                LOG.error("a stanza filter threw on {}", s, e);
            }
        }
    }

    private void dispatchIq(Stanza s) {
        Iq iq;
        try {
            iq = Iq.of(s);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring an invalid iq: {}", s);
            return;
        }
        if (!iq.isRequest()) {
            return; // answers complete their requests' futures (PendingIqs)
        }
        Stanza payload = iq.payload();
        IqHandler h = payload == null ? null : iqHandlers.get(String.valueOf(payload.namespace()));
        if (h == null) {
            replier.accept(iq.error(new StanzaError(StanzaError.Type.CANCEL, "service-unavailable", null)));
            return;
        }
        deliver(() -> {
            Iq answer;
            try {
                answer = iq.result(h.handle(iq));
            } catch (XmppErrorException e) {
                answer = iq.error(e.error());
            } catch (RuntimeException e) {
                LOG.error("an IQ handler for {} failed on {}", payload.namespace(), s, e);
                answer = iq.error(new StanzaError(StanzaError.Type.CANCEL, "internal-server-error", null));
            }
            replier.accept(answer);
        }, "IQ handler", s);
    }

    /** Runs user code on the handler executor or inline, never letting its exception escape. */
    void deliver(Runnable userCode, String what, Stanza about) {
        Runnable guarded = () -> {
            try {
                userCode.run();
            } catch (Throwable t) {
                if (about != null) {
                    LOG.error("a {} of {} threw on {}", what, owner, about, t);
                } else {
                    LOG.error("a {} of {} threw", what, owner, t);
                }
            }
        };
        if (handlerExecutor == null) {
            guarded.run();
        } else {
            handlerExecutor.execute(guarded);
        }
    }
}
