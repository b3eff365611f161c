// The chat's storage (docs/widget.md, "The chat"): localStorage under one prefix per tenant, so the visitor and the
// unsent messages survive reloads; a browser that blocks storage in third-party frames gets memory instead (lost
// on reload only).
window.ParleyStore = function (prefix) {
  "use strict";
  const memory = {};
  return {
    get(key, fallback) {
      try { const v = localStorage.getItem(prefix + "." + key); return v === null ? fallback : JSON.parse(v); }
      catch (e) { return key in memory ? memory[key] : fallback; }
    },
    set(key, value) {
      memory[key] = value;
      try { localStorage.setItem(prefix + "." + key, JSON.stringify(value)); } catch (e) { /* memory only */ }
    },
    clear() {
      ["state", "outbox"].forEach((k) => {
        delete memory[k];
        try { localStorage.removeItem(prefix + "." + k); } catch (e) { /* memory only */ }
      });
    }
  };
};
