// Plumbing every service shares and that holds no business rule: the clock, configuration
// loading, and the one error family with its HTTP mapping.
export * from "./clock.ts";
export * from "./errors.ts";
export * from "./errors-plugin.ts";
export * from "./body-guard.ts";
export * from "./text-rules.ts";
export * from "./openapi-document.ts";
export * from "./load-config.ts";
export * from "./platform-routes.ts";
export * from "./tokens.ts";
export * from "./app-token.ts";
export * from "./logger.ts";
export * from "./test-clock-routes.ts";
export * from "./service-config.ts";
export * from "./run-main.ts";
export * from "./yield-to-event-loop.ts";
export * from "./shared-process.ts";
export * from "./service-runtime.ts";
export * from "./start-service.ts";
export * from "./wakeable-loop.ts";
export * from "./session-check.ts";
