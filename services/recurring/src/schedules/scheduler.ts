/**
 * The scheduling port. Jobs live in the service's own `jobs` table either way; a scheduler
 * decides when each is fired. Adapters: `embedded` (a durable loop on that table) and `dapr`
 * (the Dapr Jobs API calls the service back at the due time).
 */
export interface Scheduler {
  readonly kind: "embedded" | "dapr";
  /** Something in `jobs` changed (a consumer scheduled or cancelled a job): look again. */
  poke(): void;
  /** Answers HTTP requests the scheduler needs from the app (Dapr's job callbacks). */
  handleHttp?(request: Request): Promise<Response | undefined>;
  stop(): Promise<void>;
}
