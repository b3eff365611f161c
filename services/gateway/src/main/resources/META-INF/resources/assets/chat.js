// Parley hosted chat: one visitor, one conversation, the protocol of docs/protocol.md.
// Keeps the highest seq it holds, drops repeats, and resumes from it after every reconnect.
(function () {
  "use strict";
  const tenant = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const status = document.getElementById("status");
  const storeKey = "parley." + tenant;
  const state = JSON.parse(localStorage.getItem(storeKey) || "{}"); // {visitorId, resumeSecret, conversationId, highest}
  const pending = new Map(); // clientMsgId -> text, resent after a reconnect
  let socket = null;
  let backoff = 500;

  function save() { localStorage.setItem(storeKey, JSON.stringify(state)); }
  function show(kind, text, meta) {
    const row = document.createElement("div");
    row.className = "msg " + kind;
    row.textContent = text;
    if (meta) row.dataset.meta = meta;
    log.appendChild(row);
    log.scrollTop = log.scrollHeight;
    return row;
  }

  // Continuing this browser's visitor needs the secret the server gave when it created them (docs/protocol.md);
  // without it (or with a revoked one) the server starts a new visitor, and this page starts afresh.
  async function session() {
    const response = await fetch("/api/v1/widget/sessions", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ tenant: tenant, visitorId: state.visitorId || undefined,
        resumeSecret: state.resumeSecret || undefined })
    });
    if (!response.ok) throw new Error("session refused: " + response.status);
    const body = await response.json();
    if (body.visitorId !== state.visitorId) {
      for (const key of Object.keys(state)) delete state[key];
      log.replaceChildren();
    }
    state.visitorId = body.visitorId;
    if (body.resumeSecret) state.resumeSecret = body.resumeSecret;
    save();
    return body.token;
  }

  async function connect() {
    status.textContent = "connecting…";
    const token = await session();
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(scheme + "//" + location.host + "/ws/visitor",
      ["bearer-token-carrier", "quarkus-http-upgrade#Authorization#" + encodeURIComponent("Bearer " + token)]);
    socket.onmessage = (event) => onFrame(JSON.parse(event.data));
    socket.onclose = (event) => {
      status.textContent = "offline, reconnecting…";
      // 1012: the gateway is shutting down and asks us to reconnect now (to another one); soon, with jitter.
      const delay = event.code === 1012 ? Math.random() * 1000 : backoff;
      setTimeout(() => connect().catch(retryLater), delay);
      if (event.code !== 1012) backoff = Math.min(backoff * 2, 15000);
    };
  }
  function retryLater(error) { status.textContent = String(error); setTimeout(() => connect().catch(retryLater), 5000); }

  function onFrame(frame) {
    switch (frame.type) {
      case "welcome":
        backoff = 500;
        status.textContent = "connected";
        if (!state.conversationId && frame.conversations.length) {
          const open = frame.conversations.find((c) => c.status !== "closed");
          if (open) { state.conversationId = open.id; save(); }
        }
        if (state.conversationId) {
          socket.send(JSON.stringify({ type: "resume", conversations: { [state.conversationId]: state.highest || 0 } }));
        }
        pending.forEach((text, id) => sendFrame(id, text));
        break;
      case "ack":
        state.conversationId = frame.conversationId;
        accept(frame.seq);
        const row = document.querySelector('[data-client-msg-id="' + frame.clientMsgId + '"]');
        if (row) row.classList.remove("pending");
        pending.delete(frame.clientMsgId);
        break;
      case "message":
        if (!accept(frame.seq)) break;
        if (frame.sender.kind === "visitor") {
          if (!document.querySelector('[data-client-msg-id="' + frame.clientMsgId + '"]')) show("mine", frame.text);
        } else {
          show("theirs", frame.text, frame.sender.name || frame.sender.kind);
        }
        break;
      case "conversation":
        status.textContent = frame.status === "assigned" ? "an agent is here" : frame.status;
        break;
      case "typing":
        if (frame.participant.kind !== "visitor") status.textContent = frame.state === "on" ? "agent is typing…" : "an agent is here";
        break;
      case "error":
        show("error", frame.message);
        if (frame.ref && frame.code !== "unavailable") pending.delete(frame.ref);
        break;
    }
  }

  // True if the seq is new; repeats after a resume are dropped (docs/protocol.md, guarantee 4).
  function accept(seq) {
    if (seq <= (state.highest || 0)) return false;
    state.highest = seq; save();
    return true;
  }

  function sendFrame(clientMsgId, text) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "send", clientMsgId: clientMsgId, conversationId: state.conversationId, text: text }));
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const clientMsgId = crypto.randomUUID();
    pending.set(clientMsgId, text);
    const row = show("mine pending", text);
    row.dataset.clientMsgId = clientMsgId;
    sendFrame(clientMsgId, text);
    input.value = "";
  });

  connect().catch(retryLater);
})();
