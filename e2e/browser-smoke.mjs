// Real-browser test of the demo journey, run by `./parley e2e` (and by `./parley test` after the Maven suite):
// agent alice logs in to the console through Keycloak's own login form and waits; an earlier visitor asks for a human
// at once and reaches alice (so her inbox is not empty and must list the newest first); a visitor on the hosted chat page
// asks the demo bot about returns and gets its answer from the knowledge base, then asks for a human; the bot hands
// over with the topic's skill (after-sales, which alice has), alice gets the conversation at once with the bot's
// handoff summary, replies, and the visitor's page shows the reply.
//
// Drives Debian's Chromium through playwright-core (no browser download). Configuration comes from the
// environment that ./parley sets; on failure it exits 1 and leaves a screenshot, the page's text and its
// browser console of both pages in PARLEY_E2E_ARTIFACTS.
import { chromium } from "playwright-core";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === "") throw new Error(`environment variable ${name} is not set`);
  return value;
};
const base = env("PARLEY_E2E_BASE_URL");
const tenant = env("PARLEY_E2E_TENANT", "acme");
const user = env("PARLEY_E2E_USER", "alice");
const password = env("PARLEY_E2E_PASSWORD");
const artifacts = env("PARLEY_E2E_ARTIFACTS", "e2e-artifacts");
const executablePath = env("PARLEY_CHROMIUM", "/usr/bin/chromium");
// Generous per step: the first login compiles Keycloak's theme, and the machine has 2 shared cores.
const STEP_MS = Number(process.env.PARLEY_E2E_STEP_MS || 45000);

const run = Date.now().toString(36);
const question = `Can I return an item without a reason? (${run})`;
const replyText = `reply from ${user} ${run}`;

const pages = {}; // name -> {page, log: []}
const problems = []; // page errors and alert() texts: any of them fails the run
const started = Date.now();
let currentStep = "launch";

function step(name) {
  currentStep = name;
  console.log(`e2e: [${((Date.now() - started) / 1000).toFixed(1)} s] ${name}`);
}

async function open(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  const log = [];
  page.on("console", (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => { log.push(`[pageerror] ${e.message}`); problems.push(`${name}: page error: ${e.message}`); });
  page.on("framenavigated", (f) => { if (f === page.mainFrame()) log.push(`[navigated] ${f.url()}`); });
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
  return page;
}

async function saveArtifacts() {
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

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // Debian's Chromium as root, on a machine without internet: no sandbox, no GPU, no calls home.
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = null;
try {
  step(`agent opens ${base}/console/ and is sent to Keycloak`);
  const consolePage = await open(browser, "console");
  await consolePage.goto(`${base}/console/`);
  await consolePage.waitForURL((url) => url.pathname.includes("/protocol/openid-connect/auth"));
  step(`agent logs in as ${user} on Keycloak's form`);
  await consolePage.locator("#username").fill(user);
  await consolePage.locator("#password").fill(password);
  await consolePage.locator("#kc-login").click();
  // Back on the console, or Keycloak shows its form again with an error (wrong password, locked user, ...).
  const refused = consolePage.locator("#input-error, .kc-feedback-text, #kc-error-message").first();
  const outcome = await Promise.race([
    consolePage.waitForURL(`${base}/console/`).then(() => "console"),
    refused.waitFor().then(() => "refused"),
  ]);
  if (outcome === "refused") throw new Error(`Keycloak refused the login: ${(await refused.innerText()).trim()}`);
  // welcome names the agent; before it the header says "signing in…", after a failure it holds the error.
  await consolePage.locator("#who", { hasText: user }).waitFor();

  // An earlier visitor asks for a human at once, so alice's inbox already holds a conversation when the journey's
  // arrives: the console must list the newest activity first (the journey below clicks the first entry).
  step("an earlier visitor asks for a human at once");
  const earlier = await open(browser, "earlier-visitor");
  await earlier.goto(`${base}/chat/${encodeURIComponent(tenant)}`);
  await earlier.locator("#status", { hasText: /^connected$/ }).waitFor();
  await earlier.locator("#text").fill("human");
  await earlier.locator("#text").press("Enter");
  await earlier.locator("#status", { hasText: "an agent is here" }).waitFor();
  await consolePage.locator("#inbox button").first().waitFor();

  step(`visitor opens ${base}/chat/${tenant}`);
  const chat = await open(browser, "visitor");
  await chat.goto(`${base}/chat/${encodeURIComponent(tenant)}`);
  await chat.locator("#status", { hasText: /^connected$/ }).waitFor();

  step(`visitor asks the bot "${question}"`);
  await chat.locator("#text").fill(question);
  await chat.locator("#text").press("Enter");
  // The row loses "pending" when the ack arrives, i.e. once the message is stored (docs/protocol.md).
  await chat.locator(".msg.mine:not(.pending)", { hasText: question }).waitFor();
  step("the bot answers from the knowledge base (the 7-day return policy)");
  await chat.locator(".msg.theirs", { hasText: "within 7 days of delivery" }).waitFor();
  if ((await consolePage.locator("#inbox button").count()) !== 1) {
    problems.push("the agent's inbox showed the journey's conversation while the bot still had it");
  }

  step('visitor asks for a human; the bot hands over');
  await chat.locator("#text").fill("human");
  await chat.locator("#text").press("Enter");
  await chat.locator(".msg.theirs", { hasText: "passing you to a human agent" }).waitFor();
  await chat.locator("#status", { hasText: "an agent is here" }).waitFor();

  step("alice has the conversation at once, with the bot's handoff summary");
  await consolePage.locator("#inbox button").first().click();
  const handoff = consolePage.locator("#details .handoff");
  await handoff.waitFor();
  const summary = await handoff.innerText();
  for (const expected of ["Handed over by the bot (requested)", "topic: 7-day no-reason return policy"]) {
    if (!summary.includes(expected)) problems.push(`handoff summary lacks "${expected}": ${summary}`);
  }
  await consolePage.locator("#thread .msg.visitor", { hasText: question }).waitFor();
  await consolePage.locator("#thread .msg.bot", { hasText: "within 7 days of delivery" }).waitFor();

  step(`agent replies "${replyText}"`);
  await consolePage.locator("#text").fill(replyText);
  await consolePage.locator("#text").press("Enter");
  await consolePage.locator("#thread .msg.agent", { hasText: replyText }).waitFor();

  step("visitor's page shows the reply");
  await chat.locator(".msg.theirs", { hasText: replyText }).waitFor();
  // Exactly one copy of each message on each side (repeats after a resume must be dropped).
  const counts = {
    "visitor page, own question": await chat.locator(".msg.mine", { hasText: question }).count(),
    "visitor page, reply": await chat.locator(".msg.theirs", { hasText: replyText }).count(),
    "console, visitor question": await consolePage.locator("#thread .msg", { hasText: question }).count(),
    "console, reply": await consolePage.locator("#thread .msg", { hasText: replyText }).count(),
  };
  for (const [what, n] of Object.entries(counts)) {
    if (n !== 1) problems.push(`${what}: shown ${n} times, expected once`);
  }
  const inbox = await consolePage.locator("#inbox button").count();
  if (inbox !== 2) problems.push(`console: ${inbox} conversations in the inbox, expected 2 (the earlier one and the journey's)`);
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
console.log(`e2e: ok in ${((Date.now() - started) / 1000).toFixed(1)} s (visitor -> bot -> handover -> agent -> visitor)`);
