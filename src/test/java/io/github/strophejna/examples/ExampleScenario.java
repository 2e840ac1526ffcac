package io.github.strophejna.examples;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one example is shown working: it starts the example against the stage's server as a user would,
 * plays the second party (the one who writes to the bot, joins the room, subscribes to the ticker), and
 * checks what each side sees; a check that fails is an {@link AssertionError}. The same scenario is the
 * example's test and its {@code --demo}.
 */
interface ExampleScenario {

    /** Every example's scenario, by the example's name. */
    Map<String, ExampleScenario> ALL = List.of(new EchoBotScenario(), new SendAndDisconnectScenario(),
            new FetchOfflineScenario(), new RosterListScenario(), new MucBotScenario(), new PubSubTickerScenario(),
            new PingMonitorScenario(), new ComponentScenario(), new DebugSessionScenario()).stream()
            .collect(Collectors.toUnmodifiableMap(ExampleScenario::example, Function.identity()));

    /** @return the example's name (its class in examples/) */
    String example();

    /**
     * Plays the scenario; the stage closes what it started.
     *
     * @throws AssertionError when the example does not do what it says
     */
    void play(Stage stage) throws Exception;
}
