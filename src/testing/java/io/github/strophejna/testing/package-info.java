/**
 * A real, throwaway Prosody for JUnit 5 tests of code that uses strophe-jna: annotate a test class with
 * {@link io.github.strophejna.testing.WithProsody} and take a {@link io.github.strophejna.testing.ProsodyServer}
 * parameter; {@link io.github.strophejna.testing.TcpProxy} cuts or stalls connections between a client and it,
 * {@link io.github.strophejna.testing.Eventually} and {@link io.github.strophejna.testing.RoundTrip} wait without
 * guessing. Published as {@code io.github.strophejna:strophe-jna-testing}.
 */
package io.github.strophejna.testing;
