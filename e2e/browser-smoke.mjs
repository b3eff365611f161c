// Real-browser test of the demo journey and the widget, run by `./parley e2e` (and by `./parley test` after the
// Maven suite). The demo journey: agent alice logs in to the console through Keycloak's own login form and waits; an
// earlier visitor asks for a human at once and reaches alice (so her inbox is not empty and must list the newest
// first); a visitor on the hosted chat page asks the demo bot about returns and gets its answer from the knowledge
// base, then asks for a human; the bot hands over with the topic's skill (after-sales, which alice has), alice gets
// the conversation at once with the bot's handoff summary, replies, and the visitor's page shows the reply. Then the
// widget journey (widget-journey.mjs) on pages of other origins, with alice's console still open, and the console
// journey (console-journey.mjs) with bob and the supervisor sam beside her: inbox, tickets, supervisor view, reports.
//
// Drives Debian's Chromium through playwright-core (no browser download). Configuration comes from the
// environment that ./parley sets; on failure it exits 1 and leaves a screenshot, the page's text and its
// browser console of every page in PARLEY_E2E_ARTIFACTS.
import { env, login, open, problems, run, step } from "./harness.mjs";
import { consoleJourney } from "./console-journey.mjs";
import { widgetJourney } from "./widget-journey.mjs";

const base = env("PARLEY_E2E_BASE_URL");
const tenant = env("PARLEY_E2E_TENANT", "acme");
const user = env("PARLEY_E2E_USER", "alice");
const password = env("PARLEY_E2E_PASSWORD");

const runId = Date.now().toString(36);
const question = `Can I return an item without a reason? (${runId})`;
const replyText = `reply from ${user} ${runId}`;

async function demoJourney(shared) {
  const { browser } = shared;
  step(`agent ${user} opens ${base}/console/ and logs in on Keycloak's form`);
  const consolePage = await login(browser, "console", base, user, password);

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
  shared.consolePage = consolePage;
}

await run([demoJourney, widgetJourney, consoleJourney]);
