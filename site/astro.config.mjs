// Static output: the site server (src/main.ts) serves dist/ and adds /api and /events.
import { defineConfig } from "astro/config";
import react from "@astrojs/react";

export default defineConfig({
  output: "static",
  // scripts/build-site.ts builds into a fresh folder and swaps it in, so a running server never
  // sees a half-written dist.
  outDir: process.env.SITE_OUT_DIR ?? "./dist",
  integrations: [react()],
  devToolbar: { enabled: false },
  vite: { build: { minify: process.env.SITE_MINIFY !== "0" } },
});
