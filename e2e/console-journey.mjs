// The console journey (docs/console.md): two agents and a supervisor in browser contexts of their own, each signed in
// through Keycloak's form. alice clears her desk (closes what the earlier journeys left her) and steps away; a visitor
// asks for a human and reaches bob, who sees the handoff card, answers with a canned response (the visitor's page
// shows it filled in), leaves a private note (never on the visitor's page), tags the conversation, sees an alert on
// an angry message and inserts its suggested reply, then transfers it to alice (back online) with a note; alice closes
// it and the visitor rates it. bob also opens a ticket for it and works it in the Tickets view. sam, the supervisor,
// finds it in All and Closed, sees agents and queues and bob's tag change in the audit log, sees the rating reach his
// report and exports it as CSV, and a search for a word from the middle of the visitor's message opens it at that
// message. Screenshots of each view, in English and Chinese, go to the artifacts.
import { join } from "node:path";
import { artifacts, check, env, login, open, step } from "./harness.mjs";

const base = env("PARLEY_E2E_BASE_URL");
const tenant = env("PARLEY_E2E_TENANT", "acme");
const runId = Date.now().toString(36);

const shot = (page, name) => page.screenshot({ path: join(artifacts, `console-${name}.png`) });

export async function consoleJourney({ browser, consolePage: alice }) {
  step("alice clears her desk: closes every open conversation of hers, from the console");
  await alice.locator("#view-mine").click();
  // Until her load says none is left: the list may still be loading, and each close takes a moment to confirm.
  for (let round = 0; round < 60 && !(await alice.locator("#load").innerText()).startsWith("0 "); round++) {
    const first = alice.locator("#inbox button").first();
    if ((await alice.locator("#inbox button").count()) === 0) {
      await alice.waitForTimeout(500);
      continue;
    }
    const id = await first.getAttribute("data-id");
    await first.click();
    await alice.locator("#close").click();
    await alice.locator(`#inbox button[data-id="${id}"]`).waitFor({ state: "detached" });
  }
  await alice.locator("#load", { hasText: "0 of 5" }).waitFor();

  step("alice steps away (presence); bob signs in in his own browser");
  await alice.locator("#presence").selectOption("away");
  const bob = await login(browser, "bob", base, "bob", env("PARLEY_E2E_BOB_PASSWORD"));
  check(await bob.locator("#view-all").count() === 0, "an agent is offered the supervisors' All view");

  step("a visitor asks for a human; with alice away it reaches bob, who sees the bot's handoff card");
  const visitor = await open(browser, "console-visitor");
  await visitor.goto(`${base}/chat/${encodeURIComponent(tenant)}`);
  await visitor.locator("#status", { hasText: /^connected$/ }).waitFor();
  // A question about a parcel (the same words every run: the bot's topic, and so the skill asked for, depends on
  // them) is handed over with skill logistics, which bob has and alice (away anyway) has not.
  await visitor.locator("#text").fill("Where is my parcel? The tracking number has not changed for three days.");
  await visitor.locator("#text").press("Enter");
  await visitor.locator(".msg.theirs", { hasText: "Track shipment" }).waitFor();
  await visitor.locator("#text").fill("human");
  await visitor.locator("#text").press("Enter");
  await visitor.locator("#status", { hasText: "an agent is here" }).waitFor();
  const middle = `kumquat${runId}`;
  const question = `My order arrived but the ${middle} scarf is missing, can someone help?`;
  await visitor.locator("#text").fill(question);
  await visitor.locator("#text").press("Enter");
  const row = bob.locator("#inbox button").first();
  await row.waitFor();
  const conversationId = await row.getAttribute("data-id");
  await row.click();
  await bob.locator("#details .handoff", { hasText: "Handed over by the bot" }).waitFor();
  await bob.locator("#thread .msg.visitor", { hasText: middle }).waitFor();

  step("bob answers with a canned response: /hel, Tab, and the visitor sees it filled in");
  await bob.locator("#text").fill("/hel");
  await bob.locator("#canned-suggestions li", { hasText: "/hello" }).waitFor();
  await shot(bob, "canned-en");
  await bob.locator("#text").press("Tab");
  const filled = await bob.locator("#text").inputValue();
  check(filled === "Hi there, I'm Bob Agent from Acme. How can I help?", `the canned response was filled in as: ${filled}`);
  await bob.locator("#text").press("Enter");
  await visitor.locator(".msg.theirs", { hasText: "I'm Bob Agent from Acme" }).waitFor();

  step("bob leaves a private note (Alt+N) and tags the conversation; the note never reaches the visitor");
  const note = `check the courier first ${runId}`;
  await bob.locator("#text").press("Alt+n");
  await bob.locator("#mode-note[aria-selected=true]").waitFor();
  await bob.locator("#text").fill(note);
  await bob.locator("#text").press("Enter");
  await bob.locator("#thread .note", { hasText: note }).waitFor();
  await bob.locator("#mode-reply").click();
  const tag = `vip-${runId}`;
  await bob.locator("#tag-input").fill(tag);
  await bob.locator("#tag-input").press("Enter");
  await bob.locator(`#inbox button[data-id="${conversationId}"] .tag`, { hasText: tag }).waitFor();

  step("the visitor is upset: bob sees an alert and puts its suggested reply in the reply box in one click");
  await visitor.locator("#text").fill("This is terrible, I am really angry, worst service ever!");
  await visitor.locator("#text").press("Enter");
  const alert = bob.locator("#thread .alert");
  await alert.waitFor();
  await alert.locator(".insert").click();
  const suggestion = await bob.locator("#text").inputValue();
  check(suggestion.length > 10, `the alert's suggestion was not inserted: "${suggestion}"`);
  await bob.locator("#text").press("Enter");
  await visitor.locator(".msg.theirs", { hasText: suggestion.slice(0, 20) }).waitFor();
  await shot(bob, "conversation-en");
  check(!(await visitor.locator("body").innerText()).includes(note), "the private note reached the visitor's page");

  step("bob opens a ticket for the conversation; in Tickets he adds a private note and sets it pending");
  await bob.locator("#create-ticket").click();
  const created = await bob.locator("#notice", { hasText: "created" }).innerText();
  const ticketId = (created.match(/#(\d+)/) || [])[1];
  check(ticketId !== undefined, `the console said "${created}" about the new ticket`);
  await bob.locator("#notice").click();
  await bob.locator("#page-tickets").click();
  // Its subject is the visitor's first message (the parcel question).
  await bob.locator(`#tickets .ticket-list button[data-id="${ticketId}"]`, { hasText: "Where is my parcel" }).click();
  await bob.locator("#ticket-detail h2", { hasText: `#${ticketId}` }).waitFor();
  await bob.locator("#ticket-text").fill(`ticket note ${runId}`);
  await bob.locator(".ticket-compose button").click();
  await bob.locator("#ticket-detail .entry.note", { hasText: `ticket note ${runId}` }).waitFor();
  await bob.locator("#ticket-set-status").selectOption("pending");
  await bob.locator("#ticket-detail .entry.change", { hasText: "pending" }).waitFor();
  await shot(bob, "tickets-en");
  await bob.locator("#page-inbox").click();
  await bob.locator(`#inbox button[data-id="${conversationId}"]`).click();

  step("alice comes back online; bob transfers the conversation to her with a note; alice closes it");
  await alice.locator("#presence").selectOption("online");
  await bob.locator("#transfer").click();
  await bob.locator("#transfer-to").fill("alice");
  await bob.locator("#transfer-note").fill(`over to you ${runId}`);
  await bob.locator("#transfer-form button").click();
  await bob.locator(`#inbox button[data-id="${conversationId}"]`).waitFor({ state: "detached" });
  const hers = alice.locator(`#inbox button[data-id="${conversationId}"]`);
  await hers.click();
  await alice.locator("#thread .note", { hasText: note }).waitFor();
  await alice.locator("#details .tags", { hasText: tag }).waitFor();
  await alice.locator("#lang").click(); // 中文
  await alice.locator("#view-mine", { hasText: "我的" }).waitFor();
  await shot(alice, "conversation-zh-CN");
  await alice.locator("#close").click();
  await hers.waitFor({ state: "detached" });
  await alice.locator("#lang").click(); // back to English

  step("the visitor rates it; sam (supervisor) signs in and sees it in All and Closed with its tag and rating");
  const sam = await login(browser, "sam", base, "sam", env("PARLEY_E2E_SAM_PASSWORD"));
  await sam.locator("#page-reports").click();
  const ratedBefore = Number(await sam.locator('#report-table tr[data-key="total"] td').nth(4).innerText()
    .then((text) => (text.match(/\((\d+)\)/) || [0, 0])[1]));
  await sam.locator("#page-inbox").click();
  await visitor.locator('.rating .star[data-score="5"]').click();
  await visitor.locator(".rating .send-rating").click();
  await visitor.locator(".rated").waitFor();
  await sam.locator("#view-all").click();
  const inAll = sam.locator(`#inbox button[data-id="${conversationId}"]`);
  await inAll.waitFor({ timeout: 20000 }); // the All view reads the list again every 10 s
  check((await inAll.innerText()).includes(tag), `sam's All view row lacks the tag: ${await inAll.innerText()}`);
  await shot(sam, "all-en");
  await sam.locator("#view-closed").click();
  await sam.locator(`#inbox button[data-id="${conversationId}"]`).click();
  await sam.locator("#details .csat", { hasText: "Rated 5/5" }).waitFor();

  step("sam's supervisor view: agents' presence and load, the queues, and bob's tag change in the audit log");
  check(await bob.locator("#page-supervisor").count() === 0, "an agent is offered the supervisor view");
  await sam.locator("#page-supervisor").click();
  await sam.locator('#agents tr[data-agent="alice"]', { hasText: "online" }).waitFor();
  await sam.locator('#agents tr[data-agent="bob"]').waitFor();
  await sam.locator("#queues").waitFor(); // acme routes by skills alone: no groups, so no queue rows here
  await sam.locator('#audit input[name="action"]').fill("conversation.tags");
  await sam.locator("#audit .filters button").click();
  await sam.locator("#audit tbody tr", { hasText: "bob" }).first().waitFor();
  await shot(sam, "supervisor-en");
  await sam.locator("#page-inbox").click();

  step("sam's report counts the rating within a rollup (every 5 s here), and exports as CSV");
  await sam.locator("#page-reports").click();
  let ratedAfter = ratedBefore;
  for (let tries = 0; tries < 20 && ratedAfter <= ratedBefore; tries++) {
    await sam.locator("#report-by").selectOption(tries % 2 ? "day" : "agent"); // each change reads the report again
    await sam.locator("#report-by").selectOption("day");
    await sam.waitForTimeout(1000);
    ratedAfter = Number(await sam.locator('#report-table tr[data-key="total"] td').nth(4).innerText()
      .then((text) => (text.match(/\((\d+)\)/) || [0, 0])[1]));
  }
  check(ratedAfter > ratedBefore, `sam's report still counts ${ratedAfter} ratings (${ratedBefore} before the journey's)`);
  await shot(sam, "reports-en");
  const [csv] = await Promise.all([sam.waitForEvent("download"), sam.locator("#report-csv").click()]);
  check(csv.suggestedFilename().endsWith("-day.csv"), `the report's CSV is named ${csv.suggestedFilename()}`);
  await sam.locator("#page-inbox").click();

  step("sam searches a word from the middle of the visitor's message: the hit opens the conversation at it");
  await sam.keyboard.press("/");
  await sam.keyboard.type(middle);
  await sam.keyboard.press("Enter");
  const hit = sam.locator("#search-results .hit.message", { hasText: middle });
  await hit.waitFor();
  check((await hit.locator("mark").innerText()).toLowerCase() === middle, "the search hit does not mark the word");
  await shot(sam, "search-en");
  await hit.click();
  await sam.locator("#thread .msg.found", { hasText: middle }).waitFor();

  step("bob in Chinese: the views and the reply box speak zh-CN");
  await bob.locator("#lang").click();
  await bob.locator("#view-queued", { hasText: "排队中" }).waitFor();
  await shot(bob, "inbox-zh-CN");
  await bob.locator("#lang").click();
}
