package io.github.strophejna.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watchdog the concurrency test relies on does catch a deadlock, and names it. */
class WatchdogTest {

    @Test
    void aDeadlockedScenarioFailsWithADumpNamingTheDeadlock() {
        Object first = new Object();
        Object second = new Object();
        AtomicLong progress = new AtomicLong();
        AssertionError e = assertThrows(AssertionError.class, () -> Watchdog.run("deadlocking-scenario", () -> {
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread other = new Thread(() -> lockBoth(second, first, bothHoldOne), "deadlock-partner");
            other.setDaemon(true);
            other.start();
            lockBoth(first, second, bothHoldOne);
        }, Watchdog.noProgressFor(progress::get, Duration.ofSeconds(2)), Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("no progress for"), e.getMessage());
        assertTrue(e.getMessage().contains("DEADLOCKED"), e.getMessage());
        assertTrue(e.getMessage().contains("\"deadlock-partner\""), e.getMessage());
    }

    @Test
    void aScenarioThatEndsPassesAndItsFailureComesThrough() {
        AtomicLong progress = new AtomicLong();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Watchdog.run("short", () -> {
            throw new IllegalStateException("the scenario's own failure");
        }, Watchdog.noProgressFor(progress::get, Duration.ofSeconds(5)), Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("own failure"));
    }

    private static void lockBoth(Object a, Object b, CountDownLatch bothHoldOne) {
        synchronized (a) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (b) {
                throw new AssertionError("the deadlock did not happen");
            }
        }
    }
}
