package io.github.strophejna.client;

import io.github.strophejna.stanza.Iq;
import io.github.strophejna.stanza.Stanza;

/** Answers IQ requests of one namespace (see {@link XmppClient#onIq}). */
@FunctionalInterface
public interface IqHandler {

    /**
     * @param request the get or set request
     * @return the result's payload, or null for an empty result
     * @throws XmppErrorException to answer with that stanza error; any other exception answers
     *         {@code internal-server-error} and is logged
     */
    Stanza handle(Iq request);
}
