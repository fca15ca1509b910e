import type { Static, TObject } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

export class ConfigError extends Error {}

/**
 * Reads a service's settings from the environment against its one TypeBox schema: converts
 * numbers and booleans, applies defaults, and throws one ConfigError naming every bad variable.
 * @example
 * const config = loadConfigFrom(ConfigSchema, process.env);
 */
export function loadConfigFrom<S extends TObject>(
  schema: S,
  env: Record<string, string | undefined>,
): Static<S> {
  const known = Object.fromEntries(
    Object.keys(schema.properties)
      .filter((k) => env[k] !== undefined && env[k] !== "")
      .map((k) => [k, env[k]]),
  );
  const value = Value.Default(schema, Value.Convert(schema, known));
  const problems = [...Value.Errors(schema, value)].map((e) => `${e.path.slice(1)}: ${e.message}`);
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  return value as Static<S>;
}
