package io.toggltasksync.sandbox;

/** Thrown inside request processing to answer with an error right away. */
final class ApiError extends RuntimeException {

    final transient Reply reply;

    ApiError(Reply reply) {
        super(null, null, false, false);
        this.reply = reply;
    }

    static ApiError badRequest(String message) {
        return new ApiError(Reply.error(400, message));
    }
}
