package io.nvsim.traces;

/** Where the importer sends each decoded event (the store writer, a counter in tests); the event is reused after the call. */
@FunctionalInterface
public interface TraceEventSink {
    void accept(TraceEvent event);
}
