package io.github.strophejna.client;

import io.github.strophejna.stanza.Jid;

/**
 * A ready session, as {@link XmppClient#connect()} reports it.
 *
 * @param jid the full JID the server bound
 * @param secure whether the stream is encrypted
 * @param streamManagement whether Stream Management (XEP-0198) is on
 * @param resumed whether this session resumed an earlier one (XEP-0198)
 */
public record Session(Jid jid, boolean secure, boolean streamManagement, boolean resumed) {
}
