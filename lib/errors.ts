// Errors whose message may be shown to the user. Anything else is logged and shown as a generic
// message with the request id, so internals never reach a browser.
export class SafeError extends Error {
  constructor(
    message: string,
    readonly code:
      | "bad-request"
      | "invalid"
      | "not-found"
      | "forbidden"
      | "conflict"
      | "locked"
      | "unauthenticated"
      | "rate-limited"
      | "step-up"
      | "too-large"
      | "unsupported-media-type",
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "SafeError";
  }
}

export class NotFoundError extends SafeError {
  constructor(what = "That item") {
    super(`${what} was not found.`, "not-found");
  }
}

export class ForbiddenError extends SafeError {
  constructor(message = "You do not have permission to do that.") {
    super(message, "forbidden");
  }
}

export class ConflictError extends SafeError {
  constructor(message: string) {
    super(message, "conflict");
  }
}

export class InvalidInputError extends SafeError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message, "invalid", fieldErrors);
  }
}

export const HTTP_STATUS: Record<SafeError["code"], number> = {
  "bad-request": 400,
  invalid: 422,
  "not-found": 404,
  // A member who lacks the permission already knows the item exists; outsiders get not-found.
  forbidden: 403,
  conflict: 409,
  locked: 409,
  unauthenticated: 401,
  "rate-limited": 429,
  // Signed in, but the second factor must be given again (or for the first time) before this.
  "step-up": 403,
  // A request body over its limit, or not the JSON a route handler reads (lib/api/json-body.ts).
  "too-large": 413,
  "unsupported-media-type": 415,
};

/** A write that named an outdated version of a threat model: someone else saved in between. */
export class VersionConflictError extends SafeError {
  constructor(
    readonly currentLockVersion: number,
    /** With a per-field merge: the fields both sides changed (server-side detail, not sent to browsers). */
    readonly conflicts: readonly { rowId?: string; field: string | null }[] = [],
  ) {
    super(
      conflicts.length
        ? "Someone else changed the same field while you were editing. Compare the two values and choose which to keep."
        : "Someone else changed this threat model while you were editing. Compare the two versions and choose which to keep.",
      "conflict",
    );
  }
}

/** Too many attempts (a rate limit, or an account locked after failed sign-ins): try again after `retryAfterSeconds`. */
export class RateLimitedError extends SafeError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, "rate-limited");
  }
}
