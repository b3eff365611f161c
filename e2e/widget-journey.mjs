// The widget on a tenant's site (docs/widget.md), in Chromium: a shop served from a second origin (on the tenant's
// allow-list) embeds the loader with the queue-stub snippet and calls the SDK before and after it loads: a signed
// user, attributes, zh-CN then en, open/close/toggle, events. Alice (whose console the demo journey left open) sees the
// verified visitor and the attributes, rendered inert; her reply while the chat is closed raises the unread count.
// A network cut of 20 s and a reload while the socket is blocked lose nothing and duplicate nothing; alice closes the
// conversation and the visitor rates it. A phone-sized
// screen gets the chat full-screen; a closed tenant's visitor leaves an email address and gets the ticket's receipt
// in a real SMTP server (e2e/smtp-sink.mjs); with WebSockets blocked the chat works over the fallback transport and returns
// to a WebSocket once one works, and carries an image and a PDF both ways (a disguised file is refused); an invalid signature is refused and the chat goes on as a guest; a site outside
// the allow-list gets no launcher, and cannot frame the chat, not even by naming an allowed origin.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { join } from "node:path";
import { artifacts, check, env, open, step } from "./harness.mjs";
import { smtpSink } from "./smtp-sink.mjs";

const base = env("PARLEY_E2E_BASE_URL");
const tenant = env("PARLEY_E2E_TENANT", "acme");
const identitySecret = env("PARLEY_E2E_IDENTITY_SECRET");
const shopPort = Number(env("PARLEY_E2E_SHOP_PORT", "18483"));
const foreignPort = Number(env("PARLEY_E2E_FOREIGN_PORT", "18484"));
const smtpPort = Number(env("PARLEY_E2E_SMTP_PORT", "18485"));
const shopOrigin = `http://127.0.0.1:${shopPort}`;
const foreignOrigin = `http://127.0.0.1:${foreignPort}`;

const runId = Date.now().toString(36);
// Markup in every field a visitor or a page controls; it must show as text everywhere.
const XSS_NAME = `<img src=x onerror="window.__xss=1">Ann ${runId}`;
const XSS_NOTE = `<script>window.__xss=1</script>`;
const XSS_TEXT = `<b onmouseover="window.__xss=1">human</b>`;

// The queue stub of docs/widget.md, as a tenant pastes it.
const STUB = `(function(w,n){w[n]=w[n]||{q:[]};["init","setUser","setAttributes","setLocale","open","close","toggle",
"track","reset","on","off"].forEach(function(m){w[n][m]=w[n][m]||function(){w[n].q.push([m,[].slice.call(arguments)])}})})(window,"Parley");`;
const RECORD_EVENTS = `window.__events=[];["ready","open","close","message","unread","error","invitation"].forEach(function(e){
Parley.on(e,function(d){window.__events.push([e,d===undefined?null:d])})});`;

/** A shop page: the stub, `before` (SDK calls made before the loader runs), then the loader itself. */
function shopPage(before, loaderAttributes = "", title = "Shop") {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title.replace(/</g, "&lt;")}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px Georgia,serif;margin:2rem} button{all:unset;color:red} iframe{border:9px solid red}</style></head>
<body><h1>A shop on another origin</h1><p>The page's own CSS tries to restyle every button and iframe.</p>
<script>${STUB}${RECORD_EVENTS}${before}</script>
<script async src="${base}/widget/loader.js"${loaderAttributes}></script></body></html>`;
}

/** The two sites: the shop (allowed) and a foreign site (not on the allow-list); pages registered by path. */
async function sites() {
  const pages = new Map();
  const handler = (req, res) => {
    const html = pages.get(new URL(req.url, "http://x").pathname);
    res.writeHead(html ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html || "not found");
  };
  const servers = [createServer(handler), createServer(handler)];
  await Promise.all(servers.map((s, i) => new Promise((ok) => s.listen(i ? foreignPort : shopPort, "127.0.0.1", ok))));
  return { pages, close: () => servers.forEach((s) => s.close()) };
}

// A value as JavaScript source inside an inline <script> (no "</script>" can end it early).
const js = (value) => JSON.stringify(value).replace(/</g, "\\u003c");
const signature = (id) => createHmac("sha256", identitySecret).update(id).digest("hex");
const hasEvent = (page, name, test) => page.waitForFunction(([n, t]) => window.__events.some((e) => e[0] === n
  && (t === null || JSON.stringify(e[1]).includes(t))), [name, test ?? null]);
const chatFrame = (page) => page.frameLocator("#parley-widget iframe");

export async function widgetJourney({ browser, consolePage }) {
  const site = await sites();
  const mail = await smtpSink(smtpPort);
  try {
    await signedShopper(browser, consolePage, site);
    await blockedWebSockets(browser, consolePage, site);
    await tracking(browser, consolePage, site);
    await phoneScreen(browser, site);
    await invalidSignature(browser, site);
    await offlineDesk(browser, mail);
    await foreignSite(browser, site);
    check(await consolePage.evaluate(() => window.__xss === undefined), "console: markup from visitor input ran");
  } finally {
    site.close();
    mail.close();
  }
}

async function signedShopper(browser, consolePage, site) {
  const shopperId = `shopper-${runId}`;
  site.pages.set("/shop", shopPage(`Parley.init({tenant:${js(tenant)},locale:"zh-CN"});
Parley.setUser({id:${js(shopperId)},name:${js(XSS_NAME)},email:"ann@example.com",
signature:${js(signature(shopperId))}});
Parley.setAttributes({plan:"gold",note:${js(XSS_NOTE)}});
Parley.q.push(["launchRockets",[]]);`));

  step(`a shop on another origin (${shopOrigin}) loads the widget; calls made before the loader ran are replayed`);
  const page = await open(browser, "shop");
  // The network cut below closes the visitor's sockets and refuses new ones, and the fallback stream with them;
  // otherwise both pass through untouched.
  const net = { cut: false, sockets: [] };
  await page.context().routeWebSocket(/\/ws\/visitor/, (ws) => {
    if (net.cut) { ws.close({ code: 4000, reason: "network cut" }); return; }
    ws.connectToServer();
    net.sockets.push(ws);
  });
  await page.context().route(/\/api\/v1\/widget\/stream/, (route) => (net.cut ? route.abort() : route.continue()));
  await page.goto(`${shopOrigin}/shop`);
  const launcher = page.locator("#parley-widget .launcher");
  await launcher.waitFor();
  await hasEvent(page, "ready");
  await hasEvent(page, "error", "launchRockets");
  check((await launcher.innerText()).startsWith("咨询"), `launcher not in zh-CN: ${await launcher.innerText()}`);
  check(await page.locator("#parley-widget iframe").count() === 0, "the chat's iframe was loaded before the first open");

  step("Parley.open() after load: the chat opens in zh-CN with the focus in it; unknown calls are named, not thrown");
  await page.evaluate(() => { window.Parley.launchMissiles(); window.Parley.open(); });
  const chat = chatFrame(page);
  await chat.locator("#status", { hasText: "已连接" }).waitFor();
  check(await chat.locator("#text").getAttribute("placeholder") === "请输入消息…", "chat placeholder not in zh-CN");
  const frame = page.frames().find((f) => f.url().startsWith(`${base}/chat/`));
  await frame.waitForFunction(() => document.activeElement && document.activeElement.id === "text");
  await hasEvent(page, "open");
  await hasEvent(page, "error", "launchMissiles");
  await page.screenshot({ path: join(artifacts, "widget-desktop-zh-CN.png") });

  step("the signed-in shopper asks for a human; alice sees a verified visitor, the attributes, all inert; it reads 'read'");
  await chat.locator("#text").fill("human");
  await chat.locator("#text").press("Enter");
  await chat.locator("#status", { hasText: "客服已接入" }).waitFor();
  await chat.locator("#text").fill(XSS_TEXT);
  await chat.locator("#text").press("Enter");
  await chat.locator(".msg.mine:not(.pending)", { hasText: XSS_TEXT }).waitFor();
  const entry = consolePage.locator("#inbox button", { hasText: `Ann ${runId}` });
  await entry.click();
  const details = consolePage.locator("#details");
  await details.locator("text=verified").first().waitFor();
  const shown = await details.innerText();
  for (const expected of ["verified", "plan", "gold", XSS_NOTE, "ann@example.com"]) {
    check(shown.includes(expected), `console details lack ${js(expected)}: ${shown}`);
  }
  check(!shown.includes("unverified"), `a signed visitor shown as unverified: ${shown}`);
  await consolePage.locator("#thread .msg.visitor", { hasText: XSS_TEXT }).waitFor();
  // alice has the conversation on screen: the console says so (read), and the visitor's message shows it.
  await chat.locator(".msg.mine", { hasText: XSS_TEXT }).locator(".state", { hasText: "已读" }).waitFor();

  step("Escape closes the chat and gives the focus back; alice's reply meanwhile raises the unread count");
  await chat.locator("#text").press("Escape");
  await page.locator("#parley-widget .panel").waitFor({ state: "hidden" });
  check(await page.evaluate(() => document.getElementById("parley-widget").shadowRoot.activeElement?.className) === "launcher",
    "focus did not return to the launcher after Escape");
  await hasEvent(page, "close");
  const reply = `widget reply ${runId}`;
  await consolePage.locator("#text").fill(reply);
  await consolePage.locator("#text").press("Enter");
  await hasEvent(page, "unread", "1");
  await hasEvent(page, "message", reply);
  await page.locator("#parley-widget .badge", { hasText: "1" }).waitFor();

  step("Parley.toggle() opens it again: the reply is there, the badge is gone; setLocale('en') switches the texts");
  await page.evaluate(() => window.Parley.toggle());
  await chat.locator(".msg.theirs", { hasText: reply }).waitFor();
  await page.locator("#parley-widget .badge").waitFor({ state: "hidden" });
  await page.evaluate(() => window.Parley.setLocale("en"));
  await frame.waitForFunction(() => document.getElementById("text").placeholder === "Type a message…");
  await page.screenshot({ path: join(artifacts, "widget-desktop-en.png") });

  step("a network cut of 20 s: two messages typed meanwhile are kept, then delivered once each");
  const cutMessages = [`typed offline one ${runId}`, `typed offline two ${runId}`];
  net.cut = true;
  await page.context().setOffline(true);
  for (const ws of net.sockets.splice(0)) await ws.close({ code: 4000, reason: "network cut" });
  await chat.locator("#status", { hasText: "reconnecting" }).waitFor();
  for (const text of cutMessages) {
    await chat.locator("#text").fill(text);
    await chat.locator("#text").press("Enter");
  }
  check(await chat.locator(".msg.mine.pending").count() === 2, "messages typed offline are not shown as pending");
  await page.waitForTimeout(20000);
  net.cut = false;
  await page.context().setOffline(false);
  for (const text of cutMessages) {
    await chat.locator(".msg.mine:not(.pending)", { hasText: text }).waitFor();
    await consolePage.locator("#thread .msg.visitor", { hasText: text }).waitFor();
  }

  step("a reload while the socket is blocked keeps the unsent message and sends it, once, when it can");
  const reloadMessage = `typed before a reload ${runId}`;
  net.cut = true;
  for (const ws of net.sockets.splice(0)) await ws.close({ code: 4000, reason: "network cut" });
  await chat.locator("#status", { hasText: "reconnecting" }).waitFor();
  await chat.locator("#text").fill(reloadMessage);
  await chat.locator("#text").press("Enter");
  await page.reload();
  await launcher.waitFor();
  await page.evaluate(() => window.Parley.open());
  await chat.locator(".msg.mine.pending", { hasText: reloadMessage }).waitFor();
  net.cut = false;
  await chat.locator(".msg.mine:not(.pending)", { hasText: reloadMessage }).waitFor();
  await consolePage.locator("#thread .msg.visitor", { hasText: reloadMessage }).waitFor();
  for (const text of [...cutMessages, reloadMessage]) {
    const inConsole = await consolePage.locator("#thread .msg", { hasText: text }).count();
    const inChat = await chat.locator(".msg.mine", { hasText: text }).count();
    check(inConsole === 1 && inChat === 1, `"${text}": ${inConsole} in the console, ${inChat} in the chat, expected 1 and 1`);
  }

  step("alice closes the conversation; the visitor rates it 4 with a comment; alice sees the rating, inert");
  const comment = `<img src=x onerror="window.__xss=1"> quick and kind ${runId}`;
  await consolePage.locator("#close").click();
  // The reload ran the page's calls again, so the chat speaks zh-CN here.
  await chat.locator("#status", { hasText: "本次对话已结束" }).waitFor();
  await chat.locator('.rating .star[data-score="4"]').click();
  await chat.locator(".rating textarea").fill(comment);
  await page.screenshot({ path: join(artifacts, "widget-rating-zh-CN.png") });
  await chat.locator(".rating .send-rating").click();
  await chat.locator(".rated", { hasText: "感谢您的评价" }).waitFor();
  await consolePage.locator("#details .csat", { hasText: "Rated 4/5" }).waitFor();
  const rated = await consolePage.locator("#details .csat").innerText();
  check(rated.includes(comment), `the console shows the rating's comment differently: ${rated}`);
  check(await page.evaluate(() => window.__xss === undefined), "shop: markup from visitor input ran");
}

async function blockedWebSockets(browser, consolePage, site) {
  step("WebSockets blocked: the chat works over the fallback (Server-Sent Events + POST), both ways");
  site.pages.set("/firewalled", shopPage(`Parley.init({tenant:${js(tenant)},locale:"en"});
Parley.setUser({id:"firewalled-${runId}",name:"Fay ${runId}",signature:${js(signature(`firewalled-${runId}`))}});`));
  const page = await open(browser, "firewalled");
  const firewall = { blocked: true };
  await page.context().routeWebSocket(/\/ws\/visitor/, (ws) => {
    if (firewall.blocked) ws.close({ code: 4001, reason: "blocked by a proxy" }); else ws.connectToServer();
  });
  await page.goto(`${shopOrigin}/firewalled`);
  await page.locator("#parley-widget .launcher").click();
  const chat = chatFrame(page);
  await chat.locator("html[data-transport=stream]").waitFor({ state: "attached" });
  await chat.locator("#status", { hasText: /^connected$/ }).waitFor();
  await chat.locator("#text").fill("human");
  await chat.locator("#text").press("Enter");
  await chat.locator(".msg.mine:not(.pending)", { hasText: "human" }).waitFor();
  await chat.locator(".msg.theirs.bot").first().waitFor();
  await chat.locator("#status", { hasText: "an agent is here" }).waitFor();
  await consolePage.locator("#inbox button", { hasText: `Fay ${runId}` }).click();
  const reply = `reply over the fallback ${runId}`;
  await consolePage.locator("#text").fill(reply);
  await consolePage.locator("#text").press("Enter");
  await chat.locator(".msg.theirs", { hasText: reply }).waitFor();

  step("WebSockets work again: the chat goes back to one within the 20 s probe, and nothing is repeated");
  firewall.blocked = false;
  await chat.locator("html[data-transport=websocket]").waitFor({ state: "attached" });
  const after = `after the fallback ${runId}`;
  await chat.locator("#text").fill(after);
  await chat.locator("#text").press("Enter");
  await chat.locator(".msg.mine:not(.pending)", { hasText: after }).waitFor();
  await consolePage.locator("#thread .msg.visitor", { hasText: after }).waitFor();
  for (const text of [reply, after]) {
    const shown = await chat.locator(".msg", { hasText: text }).count();
    check(shown === 1, `fallback chat: "${text}" shown ${shown} times, expected once`);
  }
  await attachments(page, chat, consolePage);
}

async function attachments(page, chat, consolePage) {
  step("the visitor sends an image and a PDF: thumbnails and a download link in the chat and in alice's console");
  // A real PNG: a piece of the console as the browser draws it.
  const png = await consolePage.screenshot({ clip: { x: 0, y: 0, width: 240, height: 120 } });
  const pdfName = `<img src=x onerror="window.__xss=1">invoice ${runId}.pdf`;
  const pdf = Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
  await chat.locator("#file").setInputFiles([{ name: `screen ${runId}.png`, mimeType: "image/png", buffer: png },
    { name: pdfName, mimeType: "application/pdf", buffer: pdf }]);
  const thumb = chat.locator(".msg.mine:not(.pending) .part.image img[src^='blob:']");
  await thumb.waitFor();
  await chat.locator(".msg.mine:not(.pending) .part.file", { hasText: pdfName }).waitFor();
  check(await thumb.evaluate((img) => img.complete && img.naturalWidth === 240), "the chat's thumbnail did not load");
  const seen = consolePage.locator("#thread .msg.visitor .part.image img[src^='blob:']");
  await seen.waitFor();
  check(await seen.evaluate((img) => img.complete && img.naturalWidth === 240), "alice's thumbnail did not load");
  const link = consolePage.locator("#thread .msg.visitor .part.file", { hasText: pdfName });
  await link.waitFor();
  const [download] = await Promise.all([consolePage.waitForEvent("download"), link.click()]);
  const saved = await download.path();
  const got = (await import("node:fs")).readFileSync(saved);
  check(got.equals(pdf), `alice downloaded ${got.length} bytes, not the visitor's PDF`);
  await page.screenshot({ path: join(artifacts, "widget-attachments-en.png") });

  step("a disguised file (a PDF named .png) is refused with the server's reason; nothing is sent");
  await chat.locator("#file").setInputFiles([{ name: `cat ${runId}.png`, mimeType: "image/png", buffer: pdf }]);
  await chat.locator(".error", { hasText: `cat ${runId}.png` }).waitFor();
  const refusal = await chat.locator(".error", { hasText: `cat ${runId}.png` }).innerText();
  check(refusal.includes("the name says .png but the content is application/pdf"), `refusal reads: ${refusal}`);
  check(await consolePage.locator("#thread .part", { hasText: `cat ${runId}` }).count() === 0, "the disguised file reached alice");

  step("alice sends an image back; the visitor sees it");
  await consolePage.locator("#file").setInputFiles([{ name: `answer ${runId}.png`, mimeType: "image/png", buffer: png }]);
  await chat.locator(".msg.theirs .part.image img[src^='blob:']").waitFor();
  check(await page.evaluate(() => window.__xss === undefined), "shop: markup in a file name ran");
}

async function tracking(browser, consolePage, site) {
  step("tracking: pages reach alice's live visitors before any chat (titles inert); a rule pops the bot's greeting");
  const title = `<img src=x onerror="window.__xss=1">Pricing ${runId}`;
  const calls = `Parley.init({tenant:${js(tenant)},locale:"en"});Parley.setAttributes({plan:"free"});`;
  site.pages.set("/shoes", shopPage(calls, "", `Shoes ${runId}`));
  site.pages.set("/pricing", shopPage(calls, "", title));
  const page = await open(browser, "tracked");
  await page.goto(`${shopOrigin}/shoes`);
  await page.locator("#parley-widget .launcher").waitFor();
  await page.goto(`${shopOrigin}/pricing`);
  // acme's rule (tools/parley.d/e2e.sh): */pricing*, 2 s on the page, attribute plan=free, from the bot.
  const bubble = page.locator("#parley-widget .bubble");
  await bubble.filter({ hasText: "Questions about pricing?" }).waitFor();
  await hasEvent(page, "invitation", "Questions about pricing?");
  check((await bubble.innerText()).includes("<b>"), "the rule's greeting is not shown as text");
  await page.screenshot({ path: join(artifacts, "widget-invitation-en.png") });
  await bubble.locator("button").click();
  await bubble.waitFor({ state: "hidden" });
  const visitor = consolePage.locator("#visitors li", { hasText: title });
  await visitor.waitFor({ timeout: 20000 });
  const about = await visitor.innerText();
  check(/2 pages/.test(about) && about.includes(`${shopOrigin}/pricing`) && /desktop · Chrome/.test(about),
    `alice's live visitor reads: ${about}`);
  await visitor.click();
  await visitor.locator(".trail li", { hasText: `Shoes ${runId}` }).waitFor();
  await consolePage.screenshot({ path: join(artifacts, "console-live-visitors.png") });

  step("alice invites the visitor; the invitation pops on their page; clicking it opens the chat with her words");
  const words = `Can I help with the plans? ${runId}`;
  await consolePage.locator("#invite-text").fill(words);
  await visitor.locator("button", { hasText: "Invite to chat" }).click();
  await visitor.locator("button", { hasText: /^Invited$/ }).waitFor();
  await bubble.filter({ hasText: words }).waitFor({ timeout: 25000 }); // the page's next heartbeat, within 15 s
  await bubble.click();
  await chatFrame(page).locator(".msg.theirs.invitation", { hasText: words }).waitFor();

  step("the visitor asks for a human; alice sees the pages they looked at next to the conversation");
  await chatFrame(page).locator("#text").fill("human");
  await chatFrame(page).locator("#text").press("Enter");
  await chatFrame(page).locator("#status", { hasText: "an agent is here" }).waitFor();
  await consolePage.locator("#inbox button").first().click();
  await consolePage.locator("#details .pages", { hasText: `Shoes ${runId}` }).waitFor();
  const pages = await consolePage.locator("#details .pages").innerText();
  check(pages.indexOf(title) < pages.indexOf(`Shoes ${runId}`), `alice's pages are not newest first: ${pages}`);

  step("init({track:false}): a page that opts out reports nothing");
  site.pages.set("/private", shopPage(`Parley.init({tenant:${js(tenant)},locale:"en",track:false});`, "", "Private"));
  const quiet = await open(browser, "untracked");
  const reports = [];
  quiet.on("request", (r) => { if (r.url().includes("/api/v1/widget/track")) reports.push(r.url()); });
  await quiet.goto(`${shopOrigin}/private`);
  await hasEvent(quiet, "ready");
  await quiet.evaluate(() => window.Parley.track({ url: "/private/next" }));
  await quiet.waitForTimeout(1500);
  check(reports.length === 0, `a page with track:false reported ${reports.length} times`);
  check(await page.evaluate(() => window.__xss === undefined), "shop: markup in a title or greeting ran");
}

async function phoneScreen(browser, site) {
  step("a 375 px wide screen: the chat takes the whole screen (en, then zh-CN)");
  site.pages.set("/phone", shopPage(`Parley.init({tenant:${js(tenant)},locale:"en"});`));
  const page = await open(browser, "phone", { viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true });
  await page.goto(`${shopOrigin}/phone`);
  await page.locator("#parley-widget .launcher").waitFor();
  await page.screenshot({ path: join(artifacts, "widget-closed-375-en.png") });
  await page.evaluate(() => window.Parley.open());
  await chatFrame(page).locator("#status", { hasText: "connected" }).waitFor();
  const box = await page.locator("#parley-widget .panel").boundingBox();
  check(box && box.width === 375 && box.height === 700, `the chat is not full-screen at 375 px: ${js(box)}`);
  check(!(await page.locator("#parley-widget .launcher").isVisible()), "the launcher covers the full-screen chat");
  await page.screenshot({ path: join(artifacts, "widget-375-en.png") });
  await page.evaluate(() => window.Parley.setLocale("zh-CN"));
  await chatFrame(page).locator("#status", { hasText: "已连接" }).waitFor();
  // Notices in the chat's own words follow the language too.
  await chatFrame(page).locator(".greeting", { hasText: "您好" }).waitFor();
  await page.screenshot({ path: join(artifacts, "widget-375-zh-CN.png") });
  await chatFrame(page).locator("#close").click();
  await page.locator("#parley-widget .launcher").waitFor();
}

async function invalidSignature(browser, site) {
  step("setUser with an invalid signature: an error event, and the chat goes on as a guest");
  site.pages.set("/forged", shopPage(`Parley.init({tenant:${js(tenant)},locale:"en"});
Parley.setUser({id:"someone-else-${runId}",name:"Mallory",signature:"${"0".repeat(64)}"});`));
  const page = await open(browser, "forged");
  await page.goto(`${shopOrigin}/forged`);
  await page.locator("#parley-widget .launcher").click();
  await hasEvent(page, "error", "identity_refused");
  const chat = chatFrame(page);
  await chat.locator("#status", { hasText: "connected" }).waitFor();
  await chat.locator(".error", { hasText: "We could not confirm who you are" }).waitFor();
}

async function offlineDesk(browser, mail) {
  step("a tenant that is closed (acme-night): the pre-chat form first, then the offline desk; the visitor leaves an email");
  const page = await open(browser, "night");
  await page.goto(`${base}/chat/acme-night?locale=en`);
  const preChat = page.locator(".prechat");
  await preChat.waitFor();
  check(!(await page.locator("#composer").isVisible()), "the composer is shown before the pre-chat form is filled in");
  await preChat.locator('input[name="name"]').fill(`Nina ${runId}`);
  await preChat.locator('input[name="email"]').fill(`nina-${runId}@example.com`);
  await preChat.locator('input[name="order"]').fill("A-1001");
  await page.screenshot({ path: join(artifacts, "widget-prechat-en.png") });
  await preChat.locator(".start-chat").click();
  await page.locator("#status", { hasText: /^connected$/ }).waitFor();
  await page.locator("#text").fill(`Is anyone there? ${runId}`);
  await page.locator("#text").press("Enter");
  await page.locator(".msg.theirs.system").waitFor();
  await page.locator("#status", { hasText: "Nobody is at the desk" }).waitFor();
  check(await page.locator(".contact input[type=email]").inputValue() === `nina-${runId}@example.com`,
    "the offline form does not offer the address given in the pre-chat form");
  const email = `night-${runId}@example.com`;
  await page.locator(".contact input[type=email]").fill("not an address");
  check(await page.locator(".contact input[type=email]").evaluate((i) => !i.checkValidity()),
    "the offline form accepted a value that is not an email address");
  await page.locator(".contact input[type=email]").fill(email);
  await page.locator(".contact .send-contact").click();
  await page.locator(".contacted", { hasText: `We will write to ${email}` }).waitFor();
  await page.screenshot({ path: join(artifacts, "widget-offline-en.png") });

  step("the ticket's receipt reaches the visitor's address in the SMTP server, in the visitor's language");
  const receipt = await mail.mailTo(email);
  check(/^Subject: Is anyone there\? \S+ \[#\d+\]$/m.test(receipt.text), `the receipt's subject: ${receipt.text.slice(0, 400)}`);
  check(receipt.text.includes("Thank you for writing to us") && receipt.text.includes(`Your question: Is anyone there? ${runId}`),
    `the receipt reads: ${receipt.text}`);
}

async function foreignSite(browser, site) {
  step(`a site outside the allow-list (${foreignOrigin}) gets no launcher and cannot frame the chat`);
  site.pages.set("/foreign", shopPage("", ` data-tenant="${tenant}"`));
  const chatUrl = `${base}/chat/${encodeURIComponent(tenant)}`;
  site.pages.set("/framing", `<!doctype html><html><body>
<iframe id="honest" src="${chatUrl}?embed=${encodeURIComponent(foreignOrigin)}"></iframe>
<iframe id="liar" src="${chatUrl}?embed=${encodeURIComponent(shopOrigin)}"></iframe>
<iframe id="hosted" src="${chatUrl}"></iframe></body></html>`);
  const page = await open(browser, "foreign");
  await page.goto(`${foreignOrigin}/foreign`);
  await hasEvent(page, "error", "not_allowed");
  check(await page.locator("#parley-widget").count() === 0, "a site outside the allow-list got the launcher");
  await page.goto(`${foreignOrigin}/framing`);
  await page.frameLocator("#honest").locator("#refused", { hasText: "not available on" }).waitFor();
  await page.waitForTimeout(3000);
  for (const id of ["liar", "hosted"]) {
    const composers = await page.frameLocator(`#${id}`).locator("#composer").count();
    check(composers === 0, `a site outside the allow-list framed the chat (${id})`);
  }
}
