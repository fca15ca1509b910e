export interface AppErrorOptions {
  /** What a person is told (a chat reply): no ids, no internals. Default: the message. */
  userMessage?: string;
  /** The error underneath, kept for the log. */
  cause?: unknown;
}

/**
 * The one error family of the services; `errorsPlugin` (./errors-plugin.ts) maps each to its
 * HTTP status with `message`, and the chat says `userMessage` (documenso's AppError shape).
 * @example
 * throw new Conflict(`task ${id} is not recurring`, { userMessage: "that task is not recurring" });
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly userMessage: string;
  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.userMessage = options.userMessage ?? message;
  }
}

/** A request value refused: `field` names it, `reason` says why (the HTTP message is "field: reason"). */
export class Validation extends AppError {
  readonly status = 400;
  readonly code = "validation_error";
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`, { userMessage: `the ${field.replaceAll("_", " ")} ${reason}` });
  }
}

export class Unauthorized extends AppError {
  readonly status = 401;
  readonly code = "unauthorized";
}

export class NotFound extends AppError {
  readonly status = 404;
  readonly code = "not_found";
}

export class Conflict extends AppError {
  readonly status = 409;
  readonly code = "conflict";
}

export class PayloadTooLarge extends AppError {
  readonly status = 413;
  readonly code = "payload_too_large";
}

export class UnsupportedMediaType extends AppError {
  readonly status = 415;
  readonly code = "unsupported_media_type";
}

export class RateLimited extends AppError {
  readonly status = 429;
  readonly code = "rate_limited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
