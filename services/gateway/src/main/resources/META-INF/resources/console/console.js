// Parley agent console, first version: OIDC login (authorization code + PKCE, public client), the agent
// socket of docs/protocol.md, an inbox of assigned conversations, a reply box with attachments (parley-files.js),
// read receipts for the conversation on screen, and the visitors on the tenant's site now (invitations).
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const conversations = new Map(); // id -> {highest, messages: [], status, unread}
  let current = null;
  let socket = null;
  let tokens = null;
  let config = null;

  const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const randomString = () => b64url(crypto.getRandomValues(new Uint8Array(32)));

  async function login() {
    config = await (await fetch("/console/config.json")).json();
    const params = new URLSearchParams(location.search);
    const redirectUri = location.origin + "/console/";
    if (params.get("code")) {
      if (params.get("state") !== sessionStorage.getItem("parley.state")) throw new Error("login state mismatch");
      const response = await fetch(config.issuer + "/protocol/openid-connect/token", {
        method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", code: params.get("code"), client_id: config.clientId,
          redirect_uri: redirectUri, code_verifier: sessionStorage.getItem("parley.verifier") })
      });
      if (!response.ok) throw new Error("token exchange failed: " + response.status);
      tokens = await response.json();
      history.replaceState(null, "", "/console/");
      scheduleRefresh();
      return;
    }
    const verifier = randomString();
    const state = randomString();
    sessionStorage.setItem("parley.verifier", verifier);
    sessionStorage.setItem("parley.state", state);
    const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    location.assign(config.issuer + "/protocol/openid-connect/auth?" + new URLSearchParams({
      client_id: config.clientId, response_type: "code", scope: config.scopes.join(" "), redirect_uri: redirectUri,
      state: state, code_challenge: challenge, code_challenge_method: "S256" }));
    return new Promise(() => {}); // navigating away
  }

  function scheduleRefresh() {
    const inMs = Math.max(10, (tokens.expires_in || 300) - 30) * 1000;
    setTimeout(async () => {
      const response = await fetch(config.issuer + "/protocol/openid-connect/token", {
        method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: config.clientId })
      });
      if (response.ok) { tokens = await response.json(); scheduleRefresh(); } else { location.assign("/console/"); }
    }, inMs);
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(scheme + "//" + location.host + "/ws/agent",
      ["bearer-token-carrier", "quarkus-http-upgrade#Authorization#" + encodeURIComponent("Bearer " + tokens.access_token)]);
    socket.onmessage = (event) => onFrame(JSON.parse(event.data));
    // 1012: the gateway is shutting down and asks us to reconnect now (to another one); soon, with jitter.
    socket.onclose = (event) => {
      $("who").textContent = "offline, reconnecting…";
      setTimeout(connect, event.code === 1012 ? Math.random() * 1000 : 2000);
    };
  }

  function conversation(id) {
    if (!conversations.has(id)) conversations.set(id, { highest: 0, messages: [], status: "assigned", unread: 0, details: {} });
    return conversations.get(id);
  }

  function onFrame(frame) {
    switch (frame.type) {
      case "welcome": {
        $("who").textContent = frame.participant.id;
        const resume = {};
        frame.conversations.forEach((c) => { const conv = conversation(c.id); conv.status = c.status; resume[c.id] = conv.highest; });
        if (Object.keys(resume).length) socket.send(JSON.stringify({ type: "resume", conversations: resume }));
        break;
      }
      case "conversation": {
        // The latest frame says it all (docs/protocol.md): who the visitor is, and the bot's handover if any.
        const conv = conversation(frame.conversationId);
        conv.status = frame.status;
        conv.details = { handoff: frame.handoff, unmatchedSkills: frame.unmatchedSkills, visitor: frame.visitor };
        break;
      }
      case "ack":
      case "message": {
        const conv = conversation(frame.conversationId);
        if (frame.seq <= conv.highest) break; // a repeat after resume
        conv.highest = frame.seq;
        conv.lastTs = Math.max(conv.lastTs || 0, frame.ts || 0);
        const mine = frame.type === "ack" ? conv.sent[frame.clientMsgId] || { text: "" } : frame;
        conv.messages.push({ seq: frame.seq, text: mine.text, parts: mine.parts || [],
          kind: frame.type === "ack" ? "agent" : frame.sender.kind });
        if (frame.conversationId !== current) conv.unread++; else markRead(current);
        break;
      }
      case "csat": conversation(frame.conversationId).csat = frame; break;
      case "done": break;
      case "error": alert(frame.message); break;
    }
    render();
  }

  // The conversation on screen has been read up to its newest message: the visitor's chat shows "read".
  function markRead(id) {
    const conv = conversations.get(id);
    if (!conv || document.hidden || conv.highest <= (conv.readUpTo || 0)) return;
    conv.readUpTo = conv.highest;
    socket.send(JSON.stringify({ type: "read", conversationId: id, seq: conv.highest }));
  }
  document.addEventListener("visibilitychange", () => { if (current) markRead(current); });

  // Newest activity first: a conversation just handed over is on top, one with no message yet above them all.
  function byActivity([, a], [, b]) {
    const at = (c) => (c.messages.length ? c.lastTs || 0 : Number.MAX_SAFE_INTEGER);
    return at(b) - at(a);
  }

  function render() {
    const inbox = $("inbox");
    inbox.replaceChildren(...[...conversations.entries()].sort(byActivity).map(([id, conv]) => {
      const button = document.createElement("button");
      const last = conv.messages[conv.messages.length - 1];
      const visitor = conv.details.visitor;
      const who = visitor ? (visitor.name || "visitor " + visitor.id.slice(-6)) : id.slice(0, 8);
      const preview = last ? last.text || last.parts.map((p) => p.name).join(", ") : "";
      button.textContent = who + " · " + conv.status + (last ? "\n" + preview.slice(0, 40) : "");
      button.className = (id === current ? "active " : "") + (conv.unread ? "unread" : "");
      button.onclick = () => { current = id; conv.unread = 0; ["text", "close", "attach"].forEach((b) => { $(b).disabled = false; }); markRead(id); pagesOf(id); render(); };
      return button;
    }));
    const conv = current && conversations.get(current);
    renderDetails(conv ? conv.details : null);
    const thread = $("thread");
    thread.replaceChildren(...(conv ? conv.messages : []).map((m) => {
      const row = document.createElement("div");
      row.className = "msg " + m.kind;
      row.textContent = m.text;
      if (m.parts.length) row.appendChild(files.draw(m.parts));
      return row;
    }));
    thread.scrollTop = thread.scrollHeight;
  }

  // What the agent should know before answering: the visitor (verified or not, what the page told us) and, when
  // the bot handed over, why and what about. Text only (textContent): visitor attributes are visitor input.
  function renderDetails(details) {
    const box = $("details");
    const lines = [];
    const visitor = details && details.visitor;
    if (visitor) {
      let line = "Visitor " + (visitor.name ? visitor.name + " (" + visitor.id + ")" : visitor.id) + " · "
        + (visitor.verified ? "verified" : "unverified");
      if (visitor.claimedId) line += " · says they are " + visitor.claimedId + " (not verified)";
      lines.push(["visitor", line]);
      Object.entries(visitor.attributes || {}).forEach(([name, attribute]) =>
        lines.push(["attribute", name + ": " + attribute.value]));
    }
    const onScreen = current && conversations.get(current);
    if (visitor && onScreen && onScreen.pages && onScreen.pages.length) {
      lines.push(["pages", "Pages (newest first): " + onScreen.pages.slice(0, 5).map((page) => page.title || page.url).join(" ← ")]);
    }
    if (details && details.handoff) {
      lines.push(["handoff", "Handed over by the bot (" + details.handoff.reason + "): " + details.handoff.summary]);
    }
    const conv = current && conversations.get(current);
    if (conv && conv.csat) {
      lines.push(["csat", "Rated " + conv.csat.score + "/5 by the visitor" + (conv.csat.comment ? ": " + conv.csat.comment : "")]);
    }
    if (details && details.unmatchedSkills && details.unmatchedSkills.length) {
      lines.push(["unmatched", "Asked for " + details.unmatchedSkills.join(", ")
        + ": nobody with that skill could take it, so it came to you"]);
    }
    box.replaceChildren(...lines.map(([kind, text]) => {
      const row = document.createElement("div");
      row.className = kind;
      row.textContent = text;
      return row;
    }));
    box.hidden = lines.length === 0;
  }

  function reply(text, parts) {
    const conv = conversation(current);
    conv.sent = conv.sent || {};
    const clientMsgId = crypto.randomUUID();
    conv.sent[clientMsgId] = { text: text, parts: parts };
    socket.send(JSON.stringify(Object.assign({ type: "send", clientMsgId: clientMsgId, conversationId: current, text: text },
      parts ? { attachments: parts.map((p) => p.id) } : {})));
  }
  $("reply").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (!text || !current) return;
    reply(text);
    $("text").value = "";
  });

  // Files go up first (the server checks size and type), then a message carries each one.
  const files = window.ParleyFiles(() => tokens.access_token);
  $("attach").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", () => {
    const to = current;
    [...$("file").files].forEach((file) => files.upload(file)
      .then((part) => { if (to === current) reply("", [part]); })
      .catch((e) => alert(file.name + " was not sent: " + e.message)));
    $("file").value = "";
  });

  // Close the conversation shown (the visitor is then offered a rating).
  $("close").addEventListener("click", () => {
    if (!current) return;
    socket.send(JSON.stringify({ type: "action", ref: crypto.randomUUID(), conversationId: current, action: "close" }));
  });

  // Who is on the tenant's site now (docs/widget.md, "Visitor tracking"), refreshed every 10 s: their page, how many
  // pages this visit, device and country; a click shows the pages, Invite pops the text on their page. Text only.
  const api = (path, init) => fetch(path, Object.assign({}, init, { headers: Object.assign({ Authorization: "Bearer " + tokens.access_token }, (init || {}).headers) }));
  const shown = new Set();
  async function liveVisitors() {
    const r = await api("/api/v1/visitors/live").catch(() => null);
    if (!r || !r.ok) return;
    const visitors = await r.json();
    $("visitors").replaceChildren(...visitors.map((v) => {
      const li = document.createElement("li");
      li.dataset.device = v.deviceId;
      const page = document.createElement("div");
      page.className = "page";
      page.textContent = v.title || v.url;
      const about = document.createElement("div");
      about.textContent = v.url + " · " + v.pages + (v.pages === 1 ? " page" : " pages") + " · " + v.device + (v.country ? " · " + v.country : "");
      const invite = document.createElement("button");
      invite.type = "button";
      invite.textContent = "Invite to chat";
      invite.onclick = async (e) => {
        e.stopPropagation();
        const sent = await api("/api/v1/visitors/live/" + encodeURIComponent(v.deviceId) + "/invitation", {
          method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: $("invite-text").value }) });
        invite.textContent = sent.status === 202 ? "Invited" : "Not invited (" + sent.status + ")";
      };
      li.append(page, about, invite);
      li.onclick = () => { if (shown.has(v.deviceId)) shown.delete(v.deviceId); else shown.add(v.deviceId); liveVisitors(); };
      if (shown.has(v.deviceId)) trail(li, v.deviceId);
      return li;
    }));
  }
  // The pages the conversation's visitor looked at (their tracking device), shown with the visitor's details.
  async function pagesOf(id) {
    const conv = conversations.get(id);
    const visitor = conv && conv.details.visitor;
    if (!visitor) return;
    const r = await api("/api/v1/visitors/" + encodeURIComponent(visitor.id) + "/pages").catch(() => null);
    if (r && r.ok) { conv.pages = await r.json(); if (id === current) render(); }
  }
  async function trail(li, deviceId) {
    const r = await api("/api/v1/visitors/live/" + encodeURIComponent(deviceId) + "/pages").catch(() => null);
    if (!r || !r.ok) return;
    const ol = document.createElement("ol");
    ol.className = "trail";
    (await r.json()).forEach((p) => { const item = document.createElement("li"); item.textContent = (p.title || p.url) + " · " + new Date(p.viewedAt).toLocaleTimeString(); ol.appendChild(item); });
    li.appendChild(ol);
  }

  login().then(() => { connect(); liveVisitors(); setInterval(() => { liveVisitors(); if (current) pagesOf(current); }, 10000); }).catch((error) => { $("who").textContent = String(error); });
})();
