// The chat's log: message rows with who wrote them and when, and the visitor's own with their state (sending, sent,
// read, not sent). Rows keep what they were drawn from, so a change of language redraws them (redraw). Text is
// always set as text: markup from anyone stays inert.
window.ParleyView = function (log, t, locale) {
  "use strict";
  const time = (ts) => new Date(ts || Date.now()).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
  function drawMeta(m) { m.textContent = (m.dataset.name || t(m.dataset.who)) + " · " + time(+m.dataset.ts); }
  function drawState(s) { s.textContent = t(s.dataset.state, { reason: s.dataset.reason }); }

  // kind: the row's classes; meta: {who: a text key or, with name, a name; ts}.
  function show(kind, text, meta) {
    const row = document.createElement("div");
    row.className = kind;
    if (meta) {
      const m = document.createElement("span");
      m.className = "meta";
      Object.assign(m.dataset, meta);
      row.appendChild(m);
      drawMeta(m);
    }
    row.appendChild(document.createTextNode(text));
    // What is still waiting to be sent stays last: messages replayed after a reload go above it.
    const waiting = kind.includes("pending") ? null : log.querySelector(".msg.pending");
    log.insertBefore(row, waiting);
    log.scrollTop = log.scrollHeight;
    return row;
  }

  function setRowState(row, key, reason) {
    let s = row.querySelector(".state");
    if (!s) { s = document.createElement("span"); s.className = "state"; row.appendChild(s); }
    s.dataset.state = key;
    if (reason) s.dataset.reason = reason;
    drawState(s);
  }

  // Rows in the chat's own words keep their text key (data-key) and its values (data-vars).
  function redraw() {
    log.querySelectorAll("[data-key]").forEach((e) => { e.textContent = t(e.dataset.key, JSON.parse(e.dataset.vars || "{}")); });
    log.querySelectorAll(".meta").forEach(drawMeta);
    log.querySelectorAll(".state").forEach(drawState);
  }

  return { show: show, setRowState: setRowState, redraw: redraw };
};
