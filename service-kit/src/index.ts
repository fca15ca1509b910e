// Plumbing every service shares and that holds no business rule: configuration loading, the one
// error family with its HTTP mapping, tokens, platform routes and the start/stop order. The clock
// and the logger live in @todo/messaging (the library uses them too) and are re-exported here, so
// a service keeps one import for them.
export { fixedClock, offsetClock, systemClock, type Clock } from "@todo/messaging";
export {
  createLogger,
  errorText,
  redact,
  REDACTED,
  serializeError,
  type LogFields,
  type Logger,
  type LogLevel,
} from "@todo/messaging";
export * from "./errors.ts";
export * from "./errors-plugin.ts";
export * from "./body-guard.ts";
export * from "./text-rules.ts";
export * from "./openapi-document.ts";
export * from "./load-config.ts";
export * from "./platform-routes.ts";
export * from "./tokens.ts";
export * from "./app-token.ts";
export * from "./test-clock-routes.ts";
export * from "./service-config.ts";
export * from "./run-main.ts";
export * from "./shared-process.ts";
export * from "./service-runtime.ts";
export * from "./start-service.ts";
export * from "./session-check.ts";
