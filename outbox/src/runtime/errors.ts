/** The one error family of the backend; http/errors-plugin.ts maps each to its HTTP status. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

export class Validation extends AppError {
  readonly status = 400;
  readonly code = "validation_error";
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
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
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
