package dev.herald.server;

import dev.herald.feature.ClientChannel;
import dev.herald.feature.InputRequiredException;
import dev.herald.feature.RequestContext;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Id;
import dev.herald.jsonrpc.Message;
import dev.herald.jsonrpc.RpcException;
import java.util.function.Consumer;

/**
 * One request in flight. Created by the reader thread, run on its own virtual thread, cancelled
 * from the reader thread. Its lock makes the outcome exactly-once and orders every progress
 * notification before the response: once answered or cancelled, nothing more is sent for it, and
 * it stops counting as in flight even if its handler is still winding down.
 */
final class Call extends Scope {
    private enum State { RUNNING, ANSWERED, CANCELLED }

    private final Message.Request request;
    private final ResponseSink sink;
    private State state = State.RUNNING;
    private volatile Thread thread;
    private Consumer<Boolean> afterAnswer;
    private volatile Runnable onCancel;
    private InputRounds rounds;
    /** False for a stream, which holds no place under the in-flight bound. */
    private final boolean counted;

    Call(Session session, Message.Request request, ResponseSink sink, Caller caller, boolean counted) {
        super(session, caller, Params.progressToken(request.params()), null);
        this.request = request;
        this.sink = sink;
        this.counted = counted;
    }

    /** This call as an extension method sees it. */
    dev.herald.feature.ExtensionMethod.Request asExtensionRequest() {
        Call call = this;
        return new dev.herald.feature.ExtensionMethod.Request() {
            @Override
            public dev.herald.feature.RequestContext context() {
                return call;
            }

            @Override
            public Object id() {
                return request.id().jsonValue();
            }

            @Override
            public boolean declares(String extension) {
                return caller.declaresExtension(extension);
            }

            @Override
            public boolean notify(String method, java.util.Map<String, Object> params) {
                return acknowledge(method, params);
            }
        };
    }

    Id id() {
        return request.id();
    }

    String method() {
        return request.method();
    }

    /** Runs the handler on the current (virtual) thread and answers with its outcome. */
    void run() {
        thread = Thread.currentThread();
        try {
            if (!isRunning()) {
                return;
            }
            Object result;
            try {
                if (caller.modern()) {
                    rounds = Modern.rounds(caller, request, session.server());
                }
                result = session.dispatcher().dispatch(this, request.method(), request.params());
            } catch (InputRequiredException e) {
                result = Modern.inputRequired(rounds, request, session.server());
            }
            if (caller.modern()) {
                result = Modern.finish(request.method(), result, session.server());
            }
            boolean sent = answer(new Message.Success(request.id(), result));
            if (afterAnswer != null) {
                afterAnswer.accept(sent);
                afterAnswer = null;
            }
        } catch (RpcException e) {
            answer(new Message.Failure(request.id(), caller.modern() ? Modern.error(e.toError()) : e.toError()));
        } catch (InterruptedException e) {
            // Cancelled, or aborted by shutdown: the outcome was settled by whoever interrupted.
        } catch (Throwable e) {
            Session.log.error("Request {} ({}) failed", request.id(), request.method(), e);
            answer(Message.Failure.of(request.id(), ErrorCode.INTERNAL_ERROR, "Internal error while handling " + request.method()));
        } finally {
            if (afterAnswer != null) {
                afterAnswer.accept(false); // the result that would have announced it never went out
            }
        }
    }

    private boolean isRunning() {
        lock.lock();
        try {
            return state == State.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code then} on this call's thread once the handler's result has been answered
     * ({@code true}) or dropped because the request was cancelled or aborted first ({@code false}).
     */
    void whenAnswered(Consumer<Boolean> then) {
        afterAnswer = then;
    }

    /** Sends a notification that belongs to this request, unless it was already answered or cancelled; returns whether it did. */
    boolean acknowledge(String method, Object params) {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return false;
            }
            session.notifier().send(method, params);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code hook} on the cancelling thread, before the handler is interrupted, if the client cancels this call. */
    void whenCancelled(Runnable hook) {
        onCancel = hook;
    }

    /** Sends the response unless the request was already answered or cancelled. */
    boolean answer(Message.Response response) {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return false;
            }
            state = State.ANSWERED;
            // Free the id before the response leaves: a client may reuse it as soon as it reads it.
            session.calls().released(this);
            try {
                sink.answer(response);
            } catch (RuntimeException e) {
                // The result could not be encoded: still answer, once.
                Session.log.error("Could not encode the answer to {} ({})", request.id(), request.method(), e);
                sink.answer(Message.Failure.of(request.id(), ErrorCode.INTERNAL_ERROR,
                        "Internal error while encoding the result of " + request.method()));
            } finally {
                session.calls().settled(counted);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The client cancelled: no response will be sent, and the handler is interrupted. */
    void cancel() {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return;
            }
            state = State.CANCELLED;
            session.calls().released(this);
            sink.skip();
            session.calls().settled(counted);
        } finally {
            lock.unlock();
        }
        Runnable hook = onCancel;
        if (hook != null) {
            hook.run();
        }
        interrupt();
    }

    /** Shutdown: answers with an error now and interrupts the handler. */
    void abort(String reason) {
        if (answer(Message.Failure.of(request.id(), ErrorCode.INTERNAL_ERROR, reason))) {
            interrupt();
        }
    }

    private void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    // RequestContext: what the handler may do, beyond what every Scope offers.

    @Override
    boolean live() {
        return state == State.RUNNING;
    }

    /** Handshake era: requests go to the client. Stateless era: they come back as input_required (MRTR). */
    @Override
    public ClientChannel client() {
        return caller.modern() ? rounds : session.client();
    }
}
