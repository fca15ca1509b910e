// Bun's fetch keeps at most 256 requests in flight per process (BUN_CONFIG_MAX_HTTP_REQUESTS): a
// benchmark that needs more calls this first. It restarts the script with the limit raised and the
// open-files limit at its hard maximum, then exits with the restarted run's code; in the restarted
// run (the variable set) it returns at once.
export async function restartWithRaisedLimits(): Promise<void> {
  if (process.env.BUN_CONFIG_MAX_HTTP_REQUESTS) return;
  const child = Bun.spawn(
    [
      "sh",
      "-c",
      'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      ...process.argv.slice(1),
    ],
    {
      env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: "65000" },
      stdio: ["inherit", "inherit", "inherit"],
    },
  );
  process.exit(await child.exited);
}
