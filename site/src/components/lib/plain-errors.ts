import { ApiError } from "./api.ts";

/**
 * What went wrong, in words a person can act on. A typed API error keeps its own message (it names
 * the field); a network failure or a gateway answer says the server is out of reach.
 */
export function plainMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 502 || error.status === 503 || error.status === 504)
      return "Can't reach the server right now.";
    if (error.status === 401) return "Your session ended; sign in again.";
    return (
      error.message.charAt(0).toUpperCase() +
      error.message.slice(1) +
      (/[.!?]$/.test(error.message) ? "" : ".")
    );
  }
  // fetch rejects with a TypeError when the network or the site is down.
  if (error instanceof TypeError) return "Can't reach the server.";
  return "Something went wrong.";
}
