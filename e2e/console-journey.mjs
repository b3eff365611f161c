// The console journey (docs/console.md): two agents and a supervisor in browser contexts of their own, each signed in
// through Keycloak's form. alice clears her desk (closes what the earlier journeys left her) and steps away; a visitor
// asks for a human and reaches bob, who sees the handoff card, answers with a canned response (the visitor's page
// shows it filled in), leaves a private note (never on the visitor's page), tags the conversation, sees an alert on
// an angry message and inserts its suggested reply, then transfers it to alice (back online) with a note; alice closes
// it and the visitor rates it. sam, the supervisor, finds it in All, and a search for a word from the middle of the
// visitor's message opens it at that message. Screenshots of each view, in English and Chinese, go to the artifacts.
import { join } from "node:path";
import { artifacts, check, env, login, open, step } from "./harness.mjs";

const base = env("PARLEY_E2E_BASE_URL");
const tenant = env("PARLEY_E2E_TENANT", "acme");
const runId = Date.now().toString(36);

const shot = (page, name) => page.screenshot({ path: join(artifacts, `console-${name}.png`) });

export async function consoleJourney({ browser, consolePage: alice }) {
  step("alice clears her desk: closes every open conversation of hers, from the console");
  await alice.locator("#view-mine").click();
  for (let left = 20; left > 0 && (await alice.locator("#inbox button").count()) > 0; left--) {
    const first = alice.locator("#inbox button").first();
    const id = await first.getAttribute("data-id");
    await first.click();
    await alice.locator("#close").click();
    await alice.locator(`#inbox button[data-id="${id}"]`).waitFor({ state: "detached" });
  }
  check(await alice.locator("#load", { hasText: "0 of 5" }).count() === 1,
    `alice's load after closing everything: ${await alice.locator("#load").innerText()}`);

  step("alice steps away (presence); bob signs in in his own browser");
  await alice.locator("#presence").selectOption("away");
  const bob = await login(browser, "bob", base, "bob", env("PARLEY_E2E_BOB_PASSWORD"));
  check(await bob.locator("#view-all").count() === 0, "an agent is offered the supervisors' All view");

  step("a visitor asks for a human; with alice away it reaches bob, who sees the bot's handoff card");
  const visitor = await open(browser, "console-visitor");
  await visitor.goto(`${base}/chat/${encodeURIComponent(tenant)}`);
  await visitor.locator("#status", { hasText: /^connected$/ }).waitFor();
  const middle = `kumquat${runId}`;
  const question = `My order arrived but the ${middle} scarf is missing, can someone help?`;
  await visitor.locator("#text").fill(question);
  await visitor.locator("#text").press("Enter");
  await visitor.locator(".msg.theirs").first().waitFor();
  await visitor.locator("#text").fill("human");
  await visitor.locator("#text").press("Enter");
  await visitor.locator("#status", { hasText: "an agent is here" }).waitFor();
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
