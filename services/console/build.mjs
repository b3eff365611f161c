// Builds the console for Maven (generate-resources): installs the locked npm packages when package-lock.json changed
// since the last install, type-checks, bundles with Vite into target/classes. `node build.mjs test` runs the unit tests.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (...args) => execFileSync(npm, args, { stdio: "inherit" });

const lock = readFileSync("package-lock.json", "utf8");
const stamp = "node_modules/.parley-lock";
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== lock) {
  run("ci", "--no-audit", "--no-fund", "--loglevel=error");
  writeFileSync(stamp, lock);
}
if (process.argv[2] === "test") {
  run("run", "test");
} else {
  run("run", "build");
}
