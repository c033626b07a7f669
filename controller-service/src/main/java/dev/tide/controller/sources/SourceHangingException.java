package dev.tide.controller.sources;

/** A read refused because an earlier read of the same source has not returned after its deadline. */
final class SourceHangingException extends RuntimeException {

    SourceHangingException() {
        super("a previous read of this source has not returned after its deadline", null, false, false);
    }
}
