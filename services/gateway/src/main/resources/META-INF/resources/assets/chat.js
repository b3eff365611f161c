// Parley chat: the hosted page /chat/{tenant} and, framed by widget/loader.js, the widget (docs/widget.md). One
// visitor, their open conversation, the protocol of docs/protocol.md. Nothing typed is lost: unsent messages are kept
// in storage and resent with the same clientMsgId after any reconnect or reload (the server drops repeats).
// One closure on purpose (~460 lines): every part reads the same state (visitor, outbox, link, locale); what needs
// none of it lives beside it: chat-links.js (transports), chat-view.js (the log's rows), chat-forms.js (rating,
// offline and pre-chat forms), chat-store.js (storage), chat-texts.js (texts), parley-files.js (attachments).
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const tenant = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  // The embedding page's origin (set by the loader, checked by the server, enforced by frame-ancestors).
  const embed = params.get("embed");
  const framed = window.parent !== window;
  const ancestor = location.ancestorOrigins && location.ancestorOrigins.length ? location.ancestorOrigins[0] : null;
  if (framed && (!embed || (ancestor && ancestor !== embed))) {
    document.body.textContent = "";
    const p = document.createElement("p");
    p.id = "refused";
    p.textContent = window.PARLEY_TEXTS.en.refused;
    document.body.appendChild(p);
    return;
  }
  const log = $("log"), input = $("text"), status = $("status");
  const store = window.ParleyStore("parley." + tenant);
  const state = store.get("state", {}); // {visitorId, resumeSecret, userId, conversationId}
  const outbox = new Map(store.get("outbox", [])); // clientMsgId -> {text, ts}: sent, not yet acked
  const rows = new Map(); // clientMsgId or "seq:N" -> row element
  let config = { texts: {} };
  let locale = pickLocale(params.get("locale"));
  let user = null, attributes = {}, token = null, link = null, highest = 0, backoff = 1000, retryTimer = null;
  let onFallback = false, socketFailures = 0;
  let visible = !framed, unread = 0, statusKey = "connecting", statusVars = {}, lastPong = 0, typingSentAt = 0;
  let typingOff = null, device = null; // device: the loader's tracking id, so agents see the pages

  const saveState = () => store.set("state", state);
  const saveOutbox = () => store.set("outbox", [...outbox.entries()]);

  function pickLocale(wanted) {
    const l = wanted || navigator.language || "en";
    return /^zh/i.test(l) ? "zh-CN" : "en";
  }
  function t(key, vars) {
    const text = (config.texts[locale] || {})[key] || window.PARLEY_TEXTS[locale][key] || window.PARLEY_TEXTS.en[key];
    return text.replace(/\{(\w+)\}/g, (m, name) => (vars && name in vars ? String(vars[name]) : m));
  }
  function setStatus(key, vars) { statusKey = key; statusVars = vars || {}; status.textContent = t(key, vars); }
  function applyTexts() {
    document.documentElement.lang = locale;
    $("title").textContent = config.title || t("title");
    input.placeholder = t("placeholder");
    input.setAttribute("aria-label", t("placeholder"));
    $("send").textContent = t("send");
    $("attach").setAttribute("aria-label", t("attach"));
    $("attach").title = t("attach");
    $("close").setAttribute("aria-label", t("close"));
    setStatus(statusKey, statusVars);
    view.redraw();
    updateTitle();
  }

  // To the embedding page only (the loader checks our origin in turn).
  function tell(message) { if (framed) window.parent.postMessage(Object.assign({ parley: 1 }, message), embed); }

  const view = window.ParleyView(log, t, () => locale);
  const show = view.show, setRowState = view.setRowState;
  const files = window.ParleyFiles(() => token);
  function mine(clientMsgId, text, ts, parts) {
    const row = show("msg mine pending", text, { who: "you", ts: ts || Date.now() });
    if (parts && parts.length) row.insertBefore(files.draw(parts), row.querySelector(".state"));
    row.dataset.clientMsgId = clientMsgId;
    setRowState(row, "sending");
    rows.set(clientMsgId, row);
    return row;
  }

  // Who this session is for: the tenant's signed-in user (setUser), else this browser's own visitor, continued with
  // the secret the server gave when it created them (docs/protocol.md, "Visitors").
  async function session() {
    // The pre-chat form's answers are attributes too; its name names the visitor (setUser's wins).
    const given = Object.assign({}, state.preChat || {});
    const preName = given.name;
    delete given.name;
    const body = { tenant: tenant, embedOrigin: embed || undefined, attributes: Object.assign(given, attributes),
      name: preName, deviceId: device || undefined };
    if (user) {
      Object.assign(body, { visitorId: user.id, name: user.name, identityHash: user.signature, identityToken: user.jwt });
      if (user.email) body.attributes = Object.assign({ email: user.email }, body.attributes);
    } else if (state.visitorId) {
      Object.assign(body, { visitorId: state.visitorId, resumeSecret: state.resumeSecret });
    }
    let response = await post(body);
    if (response.status === 403 && user) {
      const refusal = await response.json().catch(() => ({}));
      tell({ type: "error", error: { code: "identity_refused", message: refusal.message || "refused" } });
      user = null;
      const guest = await session();
      said("identityRefused", "error"); // after the guest's session, which may start a fresh log
      return guest;
    }
    if (!response.ok) throw new Error("session refused: HTTP " + response.status);
    const created = await response.json();
    if (created.visitorId !== state.visitorId) {
      // Another visitor than this device held: forget theirs (a first visitor keeps the pre-chat answers).
      const keep = state.visitorId ? {} : { preChat: state.preChat };
      for (const key of Object.keys(state)) delete state[key];
      if (keep.preChat) state.preChat = keep.preChat;
      forgetConversation();
    }
    state.visitorId = created.visitorId;
    state.userId = user ? user.id : undefined;
    if (created.resumeSecret) state.resumeSecret = created.resumeSecret;
    saveState();
    token = created.token;
    return token;
  }
  const post = (body) => fetch("/api/v1/widget/sessions", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  function forgetConversation() {
    log.replaceChildren();
    rows.clear();
    highest = 0;
    greet();
    tell({ type: "active", active: false });
  }
  // The greeting, then what is still waiting to be sent (it goes to whichever visitor this browser is now).
  let invitation = null;
  function drawInvitation() {
    log.querySelectorAll(".invitation").forEach((e) => e.remove());
    const bot = invitation.from === "bot";
    const meta = { who: bot ? "bot" : "agentHere", ts: Date.now() };
    if (typeof invitation.name === "string" && invitation.name) meta.name = invitation.name;
    show("msg theirs invitation " + (bot ? "bot" : "agent"), invitation.text, meta);
  }
  function greet() {
    if (config.greeting) notice(config.greeting, "notice greeting"); else said("greeting", "notice greeting");
    if (invitation) drawInvitation();
    outbox.forEach((m, id) => mine(id, m.text, m.ts, m.parts));
  }
  function notice(text, kind) { return show(kind === "error" ? "error" : kind || "notice", text); }
  // A notice in the chat's own words: redrawn when the language changes.
  function said(key, kind) { notice(t(key), kind).dataset.key = key; }

  // A WebSocket first; when one cannot be opened twice in a row while HTTP works (a proxy or firewall in the way),
  // the fallback stream; on the fallback a WebSocket is tried again every 20 s and taken back once it welcomes us.
  async function connect() {
    clearTimeout(retryTimer);
    drop();
    setStatus(statusKey === "connecting" ? "connecting" : "reconnecting");
    await session();
    const kind = onFallback ? "stream" : "socket";
    const current = window.ParleyLinks[kind](token, {
      frame: (frame) => { if (link === current) { lastPong = Date.now(); onFrame(frame); } },
      alive: () => { if (link === current) lastPong = Date.now(); },
      gone: (code) => {
        if (link !== current) return;
        link = null;
        if (kind === "socket" && !current.welcomed && ++socketFailures >= 2) onFallback = true;
        retry(code === 1012 || (kind === "socket" && onFallback));
      }
    });
    link = current;
    lastPong = Date.now();
  }
  function drop() { if (link) { const l = link; link = null; l.close(); } }
  // Exponential backoff with jitter; 1012 (a gateway handing its sockets over) and coming back online: at once.
  function retry(now) {
    setStatus("reconnecting");
    clearTimeout(retryTimer);
    const delay = now ? Math.random() * 1000 : backoff / 2 + Math.random() * backoff / 2;
    if (!now) backoff = Math.min(backoff * 2, 30000);
    retryTimer = setTimeout(() => connect().catch(() => retry(false)), delay);
  }
  window.addEventListener("online", () => { if (!link) retry(true); });
  // A link that stopped answering (a closed laptop, a network switch) is closed and reconnected.
  setInterval(() => {
    if (!link || !link.welcomed) return;
    if (Date.now() - lastPong > 45000) { drop(); retry(true); return; }
    link.send({ type: "ping", t: Date.now() });
  }, 15000);
  // On the fallback: does a WebSocket work again? One that welcomes us is taken, the stream dropped.
  setInterval(() => {
    if (!onFallback || !link || !token) return;
    const probe = window.ParleyLinks.socket(token, {
      frame: () => { probe.close(); if (onFallback) { onFallback = false; socketFailures = 0; connect().catch(() => retry(false)); } },
      alive: () => {}, gone: () => {}
    });
  }, 20000);

  function frameOut(frame) { if (link) link.send(frame); }
  const sendOut = (id, m) => frameOut(Object.assign({ type: "send", clientMsgId: id, conversationId: state.conversationId,
    text: m.text }, m.parts ? { attachments: m.parts.map((p) => p.id) } : {}));

  function onFrame(frame) {
    switch (frame.type) {
      case "welcome": {
        backoff = 1000;
        if (link) { link.welcomed = true; if (link.kind === "websocket") socketFailures = 0; }
        document.documentElement.dataset.transport = link ? link.kind : "";
        setStatus("connected");
        const open = frame.conversations.find((c) => c.status !== "closed");
        if (!state.conversationId && open) { state.conversationId = open.id; saveState(); }
        if (state.conversationId) {
          frameOut({ type: "resume", conversations: { [state.conversationId]: highest } });
          tell({ type: "active", active: true });
        }
        outbox.forEach((m, id) => sendOut(id, m));
        break;
      }
      case "ack": {
        if (state.conversationId !== frame.conversationId) { state.conversationId = frame.conversationId; saveState(); }
        tell({ type: "active", active: true });
        outbox.delete(frame.clientMsgId); saveOutbox();
        const row = rows.get(frame.clientMsgId);
        if (row) { row.classList.remove("pending"); row.dataset.seq = frame.seq; setRowState(row, "sent"); }
        accept(frame.seq);
        break;
      }
      case "message": onMessage(frame); break;
      case "conversation": onConversation(frame); break;
      case "csat": { const form = ratingForms.get(frame.conversationId); if (form && form.isConnected) window.ParleyForms.rated(form, t); break; }
      case "typing":
        if (frame.participant.kind !== "visitor") {
          $("typing").textContent = frame.state === "on"
            ? (frame.participant.kind === "bot" ? t("botTyping") : t("agentTyping", { name: frame.participant.name || t("agentHere") })) : "";
        }
        break;
      case "read":
        if (frame.reader.kind !== "visitor") {
          log.querySelectorAll(".mine[data-seq]").forEach((row) => { if (+row.dataset.seq <= frame.seq) setRowState(row, "read"); });
        }
        break;
      case "error": {
        const row = frame.ref && rows.get(frame.ref);
        if (row && frame.code !== "unavailable") {
          outbox.delete(frame.ref); saveOutbox();
          row.classList.remove("pending"); row.classList.add("failed");
          setRowState(row, "failed", frame.message);
        } else if (!row) notice(frame.message, "error");
        break;
      }
    }
  }

  function onMessage(frame) {
    if (!accept(frame.seq)) return;
    const sender = frame.sender;
    if (sender.kind === "visitor") {
      const row = frame.clientMsgId && rows.get(frame.clientMsgId);
      if (row) { row.classList.remove("pending"); row.dataset.seq = frame.seq; setRowState(row, "sent"); outbox.delete(frame.clientMsgId); saveOutbox(); }
      else { const r = mine(frame.clientMsgId || "seq:" + frame.seq, frame.text, frame.ts, frame.parts); r.classList.remove("pending"); r.dataset.seq = frame.seq; setRowState(r, "sent"); }
    } else {
      $("typing").textContent = "";
      const meta = { who: sender.kind === "system" ? "system" : sender.kind === "bot" ? "bot" : "agentHere", ts: frame.ts };
      if (sender.kind !== "system" && sender.name) meta.name = sender.name;
      const row = show("msg theirs " + sender.kind, frame.text, meta);
      if (frame.parts) row.appendChild(files.draw(frame.parts));
      row.dataset.seq = frame.seq;
      if (sender.kind === "system" && sender.id === "offline-desk") { setStatus("offline"); offerContact(frame.conversationId); }
      if (visible) markRead(); else { unread++; updateTitle(); tell({ type: "unread", count: unread }); beep(); }
    }
    tell({ type: "message", message: { conversationId: frame.conversationId, seq: frame.seq, sender: sender, text: frame.text, ts: frame.ts, parts: frame.parts || [] } });
  }

  function onConversation(frame) {
    if (!state.conversationId && frame.status !== "closed") { state.conversationId = frame.conversationId; saveState(); }
    if (frame.conversationId !== state.conversationId) return;
    if (frame.status === "queued" && frame.position) {
      const minutes = Math.max(1, Math.round((frame.etaSec || 0) / 60));
      setStatus(frame.etaSec ? "queuedEta" : "queued", { position: frame.position, minutes: minutes });
    } else if (frame.status === "assigned") setStatus("agentHere");
    else if (frame.status === "closed") {
      setStatus("closed");
      said("closed");
      offerRating(frame.conversationId);
      delete state.conversationId; saveState();
      highest = 0;
      tell({ type: "active", active: false });
    } else if (statusKey !== "offline") setStatus("connected");
  }

  // CSAT: the closed conversation may be rated once; another device's rating (a csat frame) closes the form.
  const ratingForms = new Map(); // conversationId -> form
  function offerRating(conversationId) {
    if (ratingForms.has(conversationId)) return;
    const form = window.ParleyForms.rating(t, (score, comment) => fetch("/api/v1/conversations/"
      + encodeURIComponent(conversationId) + "/rating", { method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      body: JSON.stringify({ score: score, comment: comment || undefined }) }));
    ratingForms.set(conversationId, form);
    log.appendChild(form);
    log.scrollTop = log.scrollHeight;
  }

  // Nobody can answer now (the offline desk said so): the visitor may leave an email address for the answer.
  let contactOffered = null;
  function offerContact(conversationId) {
    if (contactOffered === conversationId) return;
    contactOffered = conversationId;
    const form = window.ParleyForms.contact(t, (email) => fetch("/api/v1/conversations/"
      + encodeURIComponent(conversationId) + "/contact", { method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      body: JSON.stringify({ email: email, name: user && user.name ? user.name : (state.preChat || {}).name, locale: locale }) }),
      (user && user.email) || (state.preChat || {}).email);
    log.insertBefore(form, log.querySelector(".msg.pending"));
    log.scrollTop = log.scrollHeight;
  }

  // True if the seq is new; repeats after a resume are dropped (docs/protocol.md, guarantee 4).
  function accept(seq) {
    if (seq <= highest) return false;
    highest = seq;
    return true;
  }
  function markRead() {
    if (state.conversationId && highest) frameOut({ type: "read", conversationId: state.conversationId, seq: highest });
  }
  function updateTitle() {
    const title = config.title || t("title");
    document.title = unread && !framed ? t("unread", { count: unread, title: title }) : title;
  }
  function beep() {
    if (!config.sound || !window.AudioContext) return;
    try {
      const ctx = new AudioContext(), osc = ctx.createOscillator();
      osc.connect(ctx.destination); osc.frequency.value = 880; osc.start(); osc.stop(ctx.currentTime + 0.12);
    } catch (e) { /* no sound */ }
  }
  function setVisible(now) {
    visible = now;
    if (visible) { unread = 0; updateTitle(); tell({ type: "unread", count: 0 }); markRead(); input.focus(); }
  }

  // A message joins the outbox before it is drawn or sent, so a reload or a reconnect resends it (same clientMsgId).
  function queue(text, parts) {
    const clientMsgId = crypto.randomUUID();
    const m = parts ? { text: text, parts: parts, ts: Date.now() } : { text: text, ts: Date.now() };
    outbox.set(clientMsgId, m); saveOutbox();
    mine(clientMsgId, text, m.ts, parts);
    sendOut(clientMsgId, m);
  }
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    queue(text);
    input.value = "";
    typing(false);
  });
  // Each file is uploaded, then sent as a message of its own once stored; a refusal says why (the server's words).
  $("attach").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", () => {
    const max = config.maxUploadBytes || 10485760;
    [...$("file").files].forEach((file) => {
      if (file.size > max) { notice(t("fileTooLarge", { name: file.name, max: Math.floor(max / 1048576 * 10) / 10 }), "error"); return; }
      const note = notice(t("uploading", { name: file.name }));
      files.upload(file).then((part) => { note.remove(); queue("", [part]); },
        (e) => { note.remove(); notice(t("uploadFailed", { name: file.name, reason: e.message }), "error"); });
    });
    $("file").value = "";
  });
  // Typing: "on" at most every 3 s while keys come, "off" 4 s after the last one or on send.
  function typing(on) {
    if (!state.conversationId) return;
    clearTimeout(typingOff);
    if (on) {
      if (Date.now() - typingSentAt > 3000) { typingSentAt = Date.now(); frameOut({ type: "typing", conversationId: state.conversationId, state: "on" }); }
      typingOff = setTimeout(() => typing(false), 4000);
    } else if (typingSentAt) { typingSentAt = 0; frameOut({ type: "typing", conversationId: state.conversationId, state: "off" }); }
  }
  input.addEventListener("input", () => typing(input.value.length > 0));
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && framed) tell({ type: "close" }); });
  $("close").addEventListener("click", () => tell({ type: "close" }));
  if (!framed) document.addEventListener("visibilitychange", () => setVisible(document.visibilityState === "visible"));

  // The SDK's calls, from the embedding page only (docs/widget.md, "Page and chat").
  window.addEventListener("message", (event) => {
    if (!framed || event.origin !== embed || event.source !== window.parent) return;
    const m = event.data || {};
    if (m.parley !== 1) return;
    switch (m.type) {
      case "init":
        if (m.reset) { store.clear(); for (const key of Object.keys(state)) delete state[key]; outbox.clear(); }
      {
        const signedIn = m.user && (!user || user.id !== m.user.id);
        user = m.user || null; attributes = m.attributes || {}; locale = pickLocale(m.locale); applyTexts();
        if (typeof m.device === "string") device = m.device;
        if (m.open) setVisible(true);
        // Started already (init came after the 3 s wait) as a guest: the signed-in user starts afresh.
        if (started && signedIn) restart(false); else start();
        break;
      }
      case "open": setVisible(true); break;
      case "close": visible = false; break;
      case "setLocale": locale = pickLocale(m.locale); applyTexts(); break;
      case "setAttributes": attributes = Object.assign({}, attributes, m.attributes); if (token) session().catch(() => {}); break;
      case "setUser":
        if (!m.user || (user && user.id === m.user.id)) { user = m.user || null; if (token) session().catch(() => {}); break; }
        user = m.user; restart(false); break;
      case "reset": user = null; attributes = {}; restart(true); break;
      // A proactive invitation the visitor clicked: its greeting heads the chat (shown, not stored).
      case "invitation":
        if (m.invitation && typeof m.invitation.text === "string") { invitation = m.invitation; drawInvitation(); }
        break;
    }
  });

  // A different person on this device: forget this one (reset also revokes their resume secret), start afresh.
  async function restart(revoke) {
    if (revoke && token) {
      await fetch("/api/v1/widget/sessions/current", { method: "DELETE", headers: { Authorization: "Bearer " + token } }).catch(() => {});
    }
    store.clear();
    for (const key of Object.keys(state)) delete state[key];
    outbox.clear();
    forgetConversation();
    if (started) connect().catch(() => retry(false));
  }

  let started = false;
  async function start() {
    if (started) return;
    started = true;
    try {
      const response = await fetch("/api/v1/widget/config/" + encodeURIComponent(tenant));
      if (response.ok) config = await response.json();
    } catch (e) { /* defaults */ }
    document.documentElement.style.setProperty("--accent", config.color || "#1f4e79");
    if (config.avatarUrl) { $("avatar").src = config.avatarUrl; $("avatar").hidden = false; }
    $("close").hidden = !framed;
    applyTexts();
    greet();
    if (needsPreChat()) askPreChat(); else connect().catch(() => retry(false));
  }

  // The tenant's pre-chat form, once per visitor on this device, before anything is sent.
  function needsPreChat() {
    return config.preChat && config.preChat.enabled && (config.preChat.fields || []).length > 0 && !user
      && !state.preChat && !state.conversationId && outbox.size === 0;
  }
  function askPreChat() {
    const composer = $("composer");
    composer.hidden = true;
    const form = window.ParleyForms.preChat(t, locale, config.preChat.fields, (values) => {
      state.preChat = values; saveState();
      form.remove();
      composer.hidden = false;
      input.focus();
      connect().catch(() => retry(false));
    });
    log.appendChild(form);
    const first = form.querySelector("input");
    if (first && visible) first.focus();
  }

  applyTexts();
  // Framed, the loader sends "init" (identity, attributes, locale) once we say we are ready; hosted, start now.
  // A page that frames the chat itself (allowed, but without the loader) never sends "init": start anyway.
  if (framed) { tell({ type: "ready" }); setTimeout(start, 3000); } else start();
})();
