/* Declarations that libstrophe added after 0.12.2, the version whose strophe.h
 * the binding is generated from (Debian 12's). scripts/generate-bindings.sh
 * feeds them to JNAerator after the installed strophe.h; declarations the
 * installed header already has win. Which version added each one is in
 * since.txt, beside this file, not here.
 * Types come from the main header (included before this file).
 */

/* 0.13.0 */
#define XMPP_NS_COMPRESSION "http://jabber.org/protocol/compress"
#define XMPP_NS_FEATURE_COMPRESSION "http://jabber.org/features/compress"
#define XMPP_CONN_FLAG_ENABLE_COMPRESSION (1UL << 6)
#define XMPP_CONN_FLAG_COMPRESSION_DONT_RESET (1UL << 7)

/* 0.14.0 */
typedef void (*xmpp_sm_callback)(xmpp_conn_t *conn,
                                 void *ctx,
                                 const unsigned char *sm_state,
                                 size_t sm_state_len);
void xmpp_conn_set_sm_callback(xmpp_conn_t *conn,
                               xmpp_sm_callback cb,
                               void *ctx);
int xmpp_conn_restore_sm_state(xmpp_conn_t *conn,
                               const unsigned char *sm_state,
                               size_t sm_state_len);

/* upstream master after 0.14.0 */
void *xmpp_tlscert_get_userdata(const xmpp_tlscert_t *cert);
