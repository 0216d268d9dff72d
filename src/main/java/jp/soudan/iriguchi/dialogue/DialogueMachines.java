package jp.soudan.iriguchi.dialogue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.action.Action;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.config.configurers.ChoiceTransitionConfigurer;
import org.springframework.statemachine.config.configurers.StateConfigurer;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;
import org.springframework.statemachine.guard.Guard;
import org.springframework.statemachine.support.DefaultExtendedState;
import org.springframework.statemachine.support.DefaultStateMachineContext;

import reactor.core.publisher.Mono;

/**
 * The dialogue files as Spring Statemachine machines: one factory built at start-up, machines
 * restored to the resident's state and slots, sent one event, then read back.
 *
 * <p>Machines are pooled: a machine is reset to the next resident's state and slots.
 *
 * <p>What the machine does: which transition an event takes from the current state, the guards of
 * deciding states (choice pseudo-states, chained), and the order of transition actions (set slots,
 * run the named actions). Events: {@code choice:<id>}, {@code text}, {@code command:<name>},
 * {@code event:idle|crisis|misses} and {@code faq-feedback}. The global ones are generated as
 * transitions from every waiting state, so any state can be left for the crisis care or a command.
 * "Back" is a choice pseudo-state with one guarded branch per state, reading {@code _return}.
 */
final class DialogueMachines {

    static final String BACK_STATE = "__back";
    static final String FEEDBACK_EVENT = "faq-feedback";
    static final String TEXT_EVENT = "text";
    private static final String TURN = "turn";
    private static final String SLOTS = "slots";

    private final DialogueBook book;
    private final DialogueActions actions;
    private final Set<String> interruptions = new HashSet<>();
    private final StateMachineFactory<String, String> factory;
    /**
     * Built machines between turns: building one from ~700 transitions costs more than the turn
     * itself, and a machine is reset to the next resident's state and slots before use.
     */
    private final ConcurrentLinkedQueue<StateMachine<String, String>> idle = new ConcurrentLinkedQueue<>();
    private static final int POOL_SIZE = 64;

    DialogueMachines(DialogueBook book, DialogueActions actions) {
        this.book = book;
        this.actions = actions;
        book.commands().values().stream().filter(c -> c.go() != null).forEach(c -> interruptions.add(c.go()));
        interruptions.addAll(book.events().values());
        this.factory = build();
    }

    static String choiceEvent(String choiceId) {
        return "choice:" + choiceId;
    }

    static String commandEvent(String name) {
        return "command:" + name;
    }

    static String engineEvent(String name) {
        return "event:" + name;
    }

    /**
     * The outcome of one event.
     *
     * @param accepted whether a transition took it
     * @param state where the conversation is now
     */
    record Outcome(boolean accepted, String state) {
    }

    /**
     * Restores a machine at {@code state} with {@code slots}, sends {@code event} and returns where
     * it went; {@code slots} is changed in place by the actions.
     *
     * @throws RuntimeException whatever an action threw (the machine itself would swallow it)
     */
    Outcome send(String state, Slots slots, String event, TurnWork work) {
        StateMachine<String, String> machine = idle.poll();
        boolean fresh = machine == null;
        if (fresh) {
            machine = factory.getStateMachine();
        }
        DefaultExtendedState extended = new DefaultExtendedState();
        extended.getVariables().put(SLOTS, slots);
        machine.getStateMachineAccessor().doWithAllRegions(access -> access
                .resetStateMachineReactively(new DefaultStateMachineContext<>(state, null, null, extended)).block());
        if (fresh) {
            // A pooled machine stays running between turns: starting and stopping it for each turn
            // cost about 5 % of the bot's CPU under load (bench/results.md, session 11).
            machine.startReactively().block();
        }
        Message<String> message = MessageBuilder.withPayload(event).setHeader(TURN, work).build();
        List<StateMachineEventResult<String, String>> results = machine.sendEvent(Mono.just(message)).collectList().block();
        work.rethrowFailure();
        boolean accepted = results != null && results.stream()
                .anyMatch(r -> r.getResultType() == StateMachineEventResult.ResultType.ACCEPTED);
        String now = machine.getState().getId();
        if (!machine.isComplete() && idle.size() < POOL_SIZE) {
            // Only a running machine whose turn went through goes back: one that saw an exception is dropped.
            idle.offer(machine);
        }
        return new Outcome(accepted, now);
    }

    /** States a command or engine event leads to: leaving them does not move the way back. */
    boolean isInterruption(String state) {
        return interruptions.contains(state);
    }

    // ---- building ------------------------------------------------------------------------------

    private StateMachineFactory<String, String> build() {
        StateMachineBuilder.Builder<String, String> builder = StateMachineBuilder.builder();
        try {
            builder.configureConfiguration().withConfiguration().autoStartup(false).machineId("dialogue");
            StateConfigurer<String, String> states = builder.configureStates().withStates().initial(book.start());
            for (StateSpec state : book.states().values()) {
                if (state.decides()) {
                    states.choice(state.id());
                } else {
                    states.state(state.id());
                }
            }
            states.choice(BACK_STATE);
            StateMachineTransitionConfigurer<String, String> transitions = builder.configureTransitions();
            for (StateSpec state : book.states().values()) {
                if (state.decides()) {
                    decide(transitions, state);
                } else {
                    waiting(transitions, state);
                }
            }
            back(transitions);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the dialogue state machine", e);
        }
        return builder.createFactory();
    }

    private void waiting(StateMachineTransitionConfigurer<String, String> t, StateSpec state) throws Exception {
        String id = state.id();
        for (ChoiceSpec choice : state.choices()) {
            if (!choice.isCommand()) {
                transition(t, id, choice.go(), choiceEvent(choice.id()), ctx -> choose(ctx, choice));
            }
        }
        if (state.skip() != null) {
            transition(t, id, state.skip(), choiceEvent(StateSpec.SKIP), ctx -> { });
        }
        if (state.text() != null) {
            TextSpec text = state.text();
            transition(t, id, text.go(), TEXT_EVENT, ctx -> write(ctx, text));
        }
        for (CommandSpec command : book.commands().values()) {
            String target = command.go() == null ? StateSpec.STAY : command.go();
            transition(t, id, target, commandEvent(command.name()), ctx -> command(ctx, command));
        }
        book.events().forEach((event, target) ->
                uncheckedTransition(t, id, target, engineEvent(event), ctx -> rememberWayBack(ctx)));
        transition(t, id, StateSpec.STAY, FEEDBACK_EVENT, ctx -> {
            TurnWork work = work(ctx);
            if (work.feedbackEntry() != null) {
                actions.recordFeedback(slots(ctx), work.feedbackEntry(), work.feedbackHelpful());
            }
        });
    }

    private void decide(StateMachineTransitionConfigurer<String, String> t, StateSpec state) throws Exception {
        ChoiceTransitionConfigurer<String, String> choice = t.withChoice().source(state.id());
        boolean first = true;
        for (Branch branch : state.decide()) {
            Action<String, String> run = safely(ctx -> runActions(ctx, branch.actions()));
            if (branch.when() == null) {
                choice.last(branch.go(), run);
            } else {
                jp.soudan.iriguchi.dialogue.Guard when = branch.when();
                Guard<String, String> guard = ctx -> when.test(slots(ctx));
                if (first) {
                    choice.first(branch.go(), guard, run);
                } else {
                    choice.then(branch.go(), guard, run);
                }
                first = false;
            }
        }
        choice.and();
    }

    /** The way back: one guarded branch per waiting state, reading where the resident was. */
    private void back(StateMachineTransitionConfigurer<String, String> t) throws Exception {
        ChoiceTransitionConfigurer<String, String> choice = t.withChoice().source(BACK_STATE);
        boolean first = true;
        for (StateSpec state : book.states().values()) {
            if (!state.decides() && !isInterruption(state.id())) {
                String id = state.id();
                Guard<String, String> guard = ctx -> id.equals(slots(ctx).value(Slots.RETURN_TO));
                if (first) {
                    choice.first(id, guard);
                } else {
                    choice.then(id, guard);
                }
                first = false;
            }
        }
        choice.last(book.start()).and();
    }

    private void transition(StateMachineTransitionConfigurer<String, String> t, String source, String target, String event,
                            Action<String, String> action) throws Exception {
        Action<String, String> safe = safely(action);
        switch (target) {
            case StateSpec.STAY -> t.withInternal().source(source).event(event).action(safe).and();
            case StateSpec.BACK -> t.withExternal().source(source).target(BACK_STATE).event(event).action(safe).and();
            default -> t.withExternal().source(source).target(target).event(event).action(safe).and();
        }
    }

    private void uncheckedTransition(StateMachineTransitionConfigurer<String, String> t, String source, String target,
                                     String event, Action<String, String> action) {
        try {
            transition(t, source, target, event, action);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the transition " + source + " --" + event + "--> " + target, e);
        }
    }

    // ---- what transitions do -------------------------------------------------------------------

    private void choose(StateContext<String, String> ctx, ChoiceSpec choice) {
        Slots slots = slots(ctx);
        if (choice.clear()) {
            slots.clearAnswers();
        }
        choice.set().forEach(slots::set);
        choice.add().forEach(slots::add);
        runActions(ctx, choice.actions());
    }

    private void write(StateContext<String, String> ctx, TextSpec text) {
        Slots slots = slots(ctx);
        TurnWork work = work(ctx);
        if (text.clear()) {
            slots.clearAnswers();
        }
        if (text.slot() != null && work.text() != null) {
            slots.setFromMessage(text.slot(), work.text(), work.messageId() == null ? "" : work.messageId(), text.append());
        }
        runActions(ctx, text.actions());
    }

    private void command(StateContext<String, String> ctx, CommandSpec command) {
        Slots slots = slots(ctx);
        if (command.language() != null) {
            slots.set(Slots.LANGUAGE, command.language());
            return;
        }
        if (command.clear()) {
            slots.clearAnswers();
        } else {
            rememberWayBack(ctx);
        }
        runActions(ctx, command.actions());
    }

    private void rememberWayBack(StateContext<String, String> ctx) {
        String from = ctx.getSource() == null ? null : ctx.getSource().getId();
        if (from != null && !isInterruption(from) && book.states().containsKey(from)) {
            slots(ctx).set(Slots.RETURN_TO, from);
        }
    }

    private void runActions(StateContext<String, String> ctx, List<String> names) {
        for (String name : names) {
            actions.run(ActionName.of(name).orElseThrow(), slots(ctx), work(ctx));
        }
    }

    private static Action<String, String> safely(Action<String, String> action) {
        return ctx -> {
            try {
                action.execute(ctx);
            } catch (RuntimeException e) {
                work(ctx).failed(e);
                throw e;
            }
        };
    }

    private static Slots slots(StateContext<String, String> ctx) {
        return (Slots) ctx.getExtendedState().getVariables().get(SLOTS);
    }

    private static TurnWork work(StateContext<String, String> ctx) {
        return (TurnWork) ctx.getMessageHeaders().get(TURN);
    }
}
