package io.github.strophejna.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void saslPayloadsAreHidden() {
        assertEquals("SENT: <auth mechanism=\"PLAIN\" xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">[redacted]</auth>",
                Redactor.redact("SENT: <auth mechanism=\"PLAIN\" xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">AGJvYgBzZWNyZXQ=</auth>"));
        assertEquals("<response xmlns=\"x\">[redacted]</response><success xmlns=\"x\">[redacted]</success>",
                Redactor.redact("<response xmlns=\"x\">Yz1iaXdz</response><success xmlns=\"x\">dj1y</success>"));
    }

    @Test
    void legacyPasswordsAreHidden() {
        assertEquals("<iq type=\"set\"><query xmlns=\"jabber:iq:auth\"><username>bob</username><password>[redacted]</password></query></iq>",
                Redactor.redact("<iq type=\"set\"><query xmlns=\"jabber:iq:auth\"><username>bob</username><password>s3cret</password></query></iq>"));
    }

    @Test
    void ordinaryStanzasComeBackAsTheyAre() {
        String m = "<message to=\"a@b\" id=\"1\"><body>success: the auth response had a password and a digest</body></message>";
        assertSame(m, Redactor.redact(m), "words in text are not elements: nothing to hide, nothing copied");
        assertSame(null, Redactor.redact(null));
    }

    @Test
    void textThatMayCarryACredentialIsToldEvenUnclosed() {
        assertTrue(Redactor.mayHoldCredentials("<iq type='set'><query xmlns='jabber:iq:register'><password>s3"));
        assertTrue(Redactor.mayHoldCredentials("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGI="));
        assertTrue(Redactor.mayHoldCredentials("<x xmlns='jabber:x:data'><field var='muc#roomconfig_roomsecret'>"));
        assertTrue(Redactor.mayHoldCredentials("<field type='text-private' var='pin'><value>1234</value></field>"));
        assertFalse(Redactor.mayHoldCredentials("<message to='a@b'><body>my password is long</body></message>"));
        assertFalse(Redactor.mayHoldCredentials(":msg a@b hello"));
    }
}
