// What every journey of the browser stage shares: configuration from the environment ./parley sets, Chromium,
// pages that record their console, network and socket traffic, named steps, and the artifacts left on failure
// (a screenshot, the page's text and its log for every page, in PARLEY_E2E_ARTIFACTS).
import { chromium } from "playwright-core";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === "") throw new Error(`environment variable ${name} is not set`);
  return value;
};
export const artifacts = env("PARLEY_E2E_ARTIFACTS", "e2e-artifacts");
// Generous per step: the first login compiles Keycloak's theme, and the machine has 2 shared cores.
export const STEP_MS = Number(process.env.PARLEY_E2E_STEP_MS || 45000);

const pages = {}; // name -> {page, log: []}
export const problems = []; // page errors, alert() texts and failed checks: any of them fails the run
const started = Date.now();
let currentStep = "launch";

export function step(name) {
  currentStep = name;
  console.log(`e2e: [${((Date.now() - started) / 1000).toFixed(1)} s] ${name}`);
}

export function check(condition, problem) {
  if (!condition) problems.push(problem);
}

export async function launch() {
  return chromium.launch({
    executablePath: env("PARLEY_CHROMIUM", "/usr/bin/chromium"),
    headless: true,
    // Debian's Chromium as root, on a machine without internet: no sandbox, no GPU, no calls home.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A page in a context of its own (its own storage: another browser, as far as the chat can tell). */
export async function open(browser, name, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, ...contextOptions });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  watch(page, name);
  return page;
}

/**
 * A console page signed in through Keycloak's own login form as `user` (a browser context of its own); resolves
 * once the console greets the user in its header.
 */
export async function login(browser, name, base, user, password) {
  const page = await open(browser, name);
  await page.goto(`${base}/console/`);
  await page.waitForURL((url) => url.pathname.includes("/protocol/openid-connect/auth"));
  await page.locator("#username").fill(user);
  await page.locator("#password").fill(password);
  await page.locator("#kc-login").click();
  // Back on the console, or Keycloak shows its form again with an error (wrong password, locked user, ...).
  const refused = page.locator("#input-error, .kc-feedback-text, #kc-error-message").first();
  const outcome = await Promise.race([
    page.waitForURL(`${base}/console/`).then(() => "console"),
    refused.waitFor().then(() => "refused"),
  ]);
  if (outcome === "refused") throw new Error(`Keycloak refused ${user}'s login: ${(await refused.innerText()).trim()}`);
  // The header names the user once the socket is open (before that it says "offline", after a failure the error).
  await page.locator("#who", { hasText: user }).waitFor();
  return page;
}

/** Records what a page does, for the artifacts; page errors and dialogs fail the run. */
export function watch(page, name) {
  const log = [];
  page.on("console", (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => { log.push(`[pageerror] ${e.message}`); problems.push(`${name}: page error: ${e.message}`); });
  page.on("framenavigated", (f) => log.push(`[navigated${f === page.mainFrame() ? "" : " frame"}] ${f.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) log.push(`[http ${r.status()}] ${r.request().method()} ${r.url()}`); });
  page.on("requestfailed", (r) => log.push(`[request failed] ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  page.on("websocket", (ws) => {
    log.push(`[websocket] open ${ws.url()}`);
    ws.on("framereceived", (f) => log.push(`[ws <-] ${f.payload}`));
    ws.on("framesent", (f) => log.push(`[ws ->] ${String(f.payload).replace(/"text":"[^"]*"/, '"text":…')}`));
    ws.on("close", () => log.push(`[websocket] closed ${ws.url()}`));
  });
  // The console reports server error frames with alert(): record and dismiss, the run fails at the end.
  page.on("dialog", async (d) => { problems.push(`${name}: dialog: ${d.message()}`); await d.dismiss(); });
  pages[name] = { page, log };
}

export async function saveArtifacts() {
  mkdirSync(artifacts, { recursive: true });
  for (const [name, { page, log }] of Object.entries(pages)) {
    try {
      await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true, timeout: 10000 });
      const text = await page.evaluate(() => document.body ? document.body.innerText : "", null, { timeout: 5000 });
      writeFileSync(join(artifacts, `${name}.txt`), `url: ${page.url()}\n\n${text}\n`);
    } catch (e) {
      log.push(`[e2e] could not capture the page: ${e.message}`);
    }
    writeFileSync(join(artifacts, `${name}.log`), log.join("\n") + "\n");
  }
}

/** Runs the journeys in order; exits 1 with the artifacts when one fails or a problem was recorded. */
export async function run(journeys) {
  const browser = await launch();
  let failed = null;
  try {
    const shared = { browser };
    for (const journey of journeys) await journey(shared);
    currentStep = "final checks";
    if (problems.length) throw new Error(problems.join("; "));
  } catch (error) {
    failed = error;
  } finally {
    if (failed) await saveArtifacts();
    await browser.close();
  }
  if (failed) {
    console.error(`e2e: FAILED at step "${currentStep}": ${failed.message.split("\n")[0]}`);
    if (problems.length) console.error(`e2e: also seen: ${problems.join("; ")}`);
    console.error(`e2e: screenshots, page text and browser logs in ${artifacts}`);
    process.exit(1);
  }
  console.log(`e2e: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
