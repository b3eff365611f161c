import { defineConfig } from "vite";

// Served by the gateway at /console/ (the Maven module packages target/classes/META-INF/resources/console).
export default defineConfig({
  base: "/console/",
  build: {
    outDir: "target/classes/META-INF/resources/console",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 300,
  },
  // `npm run dev` proxies the API and sockets to a gateway started by ./parley up.
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8080",
      "/ws": { target: "ws://127.0.0.1:8080", ws: true },
      "/assets": "http://127.0.0.1:8080",
      "/console/config.json": "http://127.0.0.1:8080",
    },
  },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
