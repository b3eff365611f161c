// Parley widget loader and SDK (docs/widget.md): <script async src="GATEWAY/widget/loader.js" data-tenant="acme">
// or the queue-stub snippet, whose calls made before this script ran are replayed in order. The launcher lives in a
// shadow root; the chat is an iframe of GATEWAY/chat/{tenant}, made on first open; page and chat use postMessage,
// each checking the other's origin.
(function (w, d) {
  "use strict";
  var stub = w.Parley;
  if (stub && stub.loaded) return;
  var script = d.currentScript || d.querySelector('script[src*="/widget/loader.js"]');
  var base = new URL(script.src).origin;
  var opts = { tenant: script.getAttribute("data-tenant"), locale: script.getAttribute("data-locale"), user: null, attributes: {} };
  var handlers = {}, config = null, root, launcher, badge, panel, frame, frameReady = false, isOpen = false, unread = 0;
  var activeKey, openWhenReady = false, resetPending = false, bubble, invited, device, visit, current, timers = [];

  function warn(text) { if (w.console) w.console.warn("Parley: " + text); }
  function emit(name, data) {
    (handlers[name] || []).slice().forEach(function (fn) { try { fn(data); } catch (e) { warn(name + " handler failed: " + e); } });
  }
  function toFrame(message) {
    message.parley = 1;
    if (frame && frameReady) frame.contentWindow.postMessage(message, base);
  }
  function locale(value) {
    if (value === "zh-CN" || value === "en") return value;
    warn("setLocale: 'zh-CN' or 'en', not " + JSON.stringify(value));
    return opts.locale;
  }

  var api = {
    loaded: true,
    init: function (o) {
      o = o || {};
      if (o.tenant) opts.tenant = String(o.tenant);
      if (o.locale) opts.locale = locale(o.locale);
      if (o.user) api.setUser(o.user);
      if (o.attributes) api.setAttributes(o.attributes);
      if (o.theme) opts.theme = o.theme;
      if (o.track === false) opts.track = false;
      start();
    },
    setUser: function (user) {
      if (!user || typeof user.id !== "string") { warn("setUser needs {id, name, email, signature | jwt}"); return; }
      opts.user = { id: user.id, name: user.name, email: user.email, signature: user.signature, jwt: user.jwt };
      toFrame({ type: "setUser", user: opts.user });
    },
    setAttributes: function (attributes) {
      if (!attributes || typeof attributes !== "object") { warn("setAttributes needs an object"); return; }
      for (var k in attributes) opts.attributes[k] = attributes[k];
      toFrame({ type: "setAttributes", attributes: attributes });
    },
    setLocale: function (value) {
      opts.locale = locale(value);
      label();
      toFrame({ type: "setLocale", locale: opts.locale });
    },
    open: function () { open(); },
    close: function () { close(); },
    toggle: function () { if (isOpen) close(); else open(); },
    reset: function () {
      opts.user = null; opts.attributes = {};
      remember(false);
      if (frameReady) toFrame({ type: "reset" }); else resetPending = true;
    },
    track: function (page) {
      page = page || {};
      var url;
      try { url = new URL(page.url || location.href, location.href).href; } catch (e) { warn("track: a URL please"); return; }
      report(false, url, page.title);
      rules(url);
    },
    on: function (name, fn) { if (typeof fn === "function") (handlers[name] = handlers[name] || []).push(fn); },
    off: function (name, fn) { handlers[name] = (handlers[name] || []).filter(function (h) { return h !== fn; }); }
  };
  function unknown(name) { warn("unknown call " + JSON.stringify(String(name))); emit("error", { code: "unknown_call", message: String(name) }); }
  // Parley.anything() is named in the console instead of throwing on the tenant's page.
  w.Parley = typeof Proxy === "function" ? new Proxy(api, { get: function (t, k) {
    return k in t || typeof k !== "string" || k === "then" || k === "toJSON" ? t[k] : function () { unknown(k); };
  } }) : api;

  // The tenant's look, and whether this site may show the chat at all (the server answers only allowed origins).
  function start() {
    if (config || !opts.tenant || start.pending) return;
    start.pending = true;
    activeKey = "parley." + opts.tenant + ".active";
    fetch(base + "/api/v1/widget/config/" + encodeURIComponent(opts.tenant)).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (c) {
      config = c;
      draw();
      emit("ready");
      if (tracking()) { report(false, location.href); setInterval(function () { if (!d.hidden) report(true, current); }, 15000); }
      rules(location.href);
      // A visitor with a conversation on this device: load the chat now, so unread messages are counted.
      if (openWhenReady) open(); else if (recall()) ensureFrame();
    }).catch(function (e) {
      warn("no chat for tenant " + opts.tenant + " on " + location.origin + " (" + e.message + "): is this origin on the tenant's allow-list?");
      emit("error", { code: "not_allowed", message: String(e.message) });
    });
  }

  function draw() {
    var theme = opts.theme || {};
    var colour = /^#[0-9a-fA-F]{6}$/.test(theme.color || "") ? theme.color : config.color;
    var side = (theme.position || config.position) === "left" ? "left" : "right";
    var host = d.createElement("div");
    host.id = "parley-widget";
    root = host.attachShadow({ mode: "open" });
    var style = d.createElement("style");
    style.textContent = ":host{all:initial}" +
      ".launcher{position:fixed;" + side + ":20px;bottom:20px;width:60px;height:60px;border-radius:30px;border:0;" +
      "background:" + colour + ";color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;z-index:2147483000;" +
      "box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
      ".launcher:focus-visible{outline:3px solid #f6b73c;outline-offset:2px}" +
      ".badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#d0021b;" +
      "color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center;padding:0 5px}" +
      ".panel{position:fixed;" + side + ":20px;bottom:90px;width:370px;height:560px;max-height:calc(100vh - 110px);" +
      "border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.25);z-index:2147483000;background:#fff}" +
      ".bubble{position:fixed;" + side + ":20px;bottom:90px;max-width:260px;padding:10px 28px 10px 12px;border-radius:12px;" +
      "background:#fff;color:#1d2733;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 18px rgba(0,0,0,.22);cursor:pointer;" +
      "z-index:2147483000}.bubble button{position:absolute;top:2px;right:4px;border:0;background:none;font-size:18px;cursor:pointer}" +
      ".bubble[hidden],.panel[hidden]{display:none}iframe{border:0;width:100%;height:100%;display:block}" +
      // Phones and app webviews: the chat takes the whole screen.
      "@media (max-width:480px){.panel{inset:0;width:100%;height:100%;max-height:none;border-radius:0}" +
      ".open .launcher{display:none}}";
    var wrap = d.createElement("div");
    launcher = d.createElement("button");
    launcher.className = "launcher";
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.addEventListener("click", api.toggle);
    launcher.appendChild(d.createElement("span"));
    badge = d.createElement("span");
    badge.className = "badge";
    badge.hidden = true;
    launcher.appendChild(badge);
    label();
    panel = d.createElement("div");
    panel.className = "panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", config.title || "Chat");
    bubble = d.createElement("div");
    bubble.className = "bubble";
    bubble.hidden = true;
    bubble.setAttribute("role", "status");
    bubble.appendChild(d.createElement("span"));
    var x = d.createElement("button");
    x.type = "button";
    x.textContent = "×";
    x.setAttribute("aria-label", "Dismiss");
    x.addEventListener("click", function (e) { e.stopPropagation(); bubble.hidden = true; });
    bubble.appendChild(x);
    bubble.addEventListener("click", function () { bubble.hidden = true; open(); toFrame({ type: "invitation", invitation: invited }); });
    wrap.appendChild(panel);
    wrap.appendChild(bubble);
    wrap.appendChild(launcher);
    root.appendChild(style);
    root.appendChild(wrap);
    d.body.appendChild(host);
    d.addEventListener("keydown", function (e) { if (e.key === "Escape" && isOpen) close(); });
  }

  function label() {
    if (!launcher) return;
    var zh = opts.locale === "zh-CN" || (!opts.locale && /^zh/i.test(navigator.language || ""));
    launcher.firstChild.textContent = zh ? "咨询" : "Chat";
    launcher.setAttribute("aria-label", config.title || (zh ? "打开在线客服" : "Open chat"));
  }

  function ensureFrame() {
    if (frame) return;
    frame = d.createElement("iframe");
    frame.title = config.title || "Chat";
    frame.src = base + "/chat/" + encodeURIComponent(opts.tenant) + "?embed=" + encodeURIComponent(location.origin) +
      (opts.locale ? "&locale=" + encodeURIComponent(opts.locale) : "");
    frame.setAttribute("allow", "clipboard-write");
    panel.appendChild(frame);
  }

  function open() {
    if (!config) { openWhenReady = true; start(); return; }
    ensureFrame();
    isOpen = true;
    panel.hidden = false;
    launcher.parentNode.className = "open";
    launcher.setAttribute("aria-expanded", "true");
    setUnread(0);
    toFrame({ type: "open" });
    frame.focus();
    emit("open");
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    launcher.parentNode.className = "";
    launcher.setAttribute("aria-expanded", "false");
    toFrame({ type: "close" });
    launcher.focus();
    emit("close");
  }

  // Visitor tracking (docs/widget.md): page views and a 15 s heartbeat as text/plain (no CORS preflight); an answer
  // may carry an agent's invitation.
  function tracking() { return config && config.tracking && opts.track !== false; }
  function keep(store, key) {
    try { var v = store.getItem(key); if (!v) store.setItem(key, v = rid()); return v; } catch (e) { return rid(); }
  }
  function rid() { var a = new Uint8Array(12); crypto.getRandomValues(a); return Array.prototype.map.call(a, function (b) { return (b + 256).toString(16).slice(1); }).join(""); }
  function report(heartbeat, url, title) {
    if (!tracking()) return;
    if (!device) { device = keep(localStorage, "parley." + opts.tenant + ".device"); visit = keep(sessionStorage, "parley." + opts.tenant + ".visit"); }
    if (!heartbeat) current = url;
    fetch(base + "/api/v1/widget/track", { method: "POST", headers: { "Content-Type": "text/plain" }, keepalive: true,
      body: JSON.stringify({ tenant: opts.tenant, deviceId: device, visitId: visit, url: url.slice(0, 2000),
        title: String(title || d.title).slice(0, 300), referrer: d.referrer.slice(0, 2000), heartbeat: heartbeat }) })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (a) { if (a.invitation) invite(a.invitation); }, function () { /* tracking is best effort */ });
  }
  // The tenant's invitation rules, once per visit each.
  function rules(url) {
    timers.forEach(clearTimeout);
    timers = [];
    ((config && config.invitations) || []).forEach(function (rule, i) {
      var key = "parley." + opts.tenant + ".invited." + i;
      var pattern = new RegExp("^" + rule.url.split("*").map(function (p) { return p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"); }).join(".*") + "$");
      var pair = rule.attribute ? rule.attribute.split("=") : null;
      if (!pattern.test(url) || (pair && String(opts.attributes[pair[0]]) !== pair.slice(1).join("="))) return;
      timers.push(setTimeout(function () {
        try { if (sessionStorage.getItem(key)) return; sessionStorage.setItem(key, "1"); } catch (e) { /* */ }
        var m = rule.message;
        invite({ text: m[opts.locale || (/^zh/i.test(navigator.language) ? "zh-CN" : "en")] || m.en || m["zh-CN"], from: rule.from || "team" });
      }, rule.seconds * 1000));
    });
  }
  function invite(invitation) {
    invited = invitation;
    emit("invitation", invitation);
    if (isOpen) { toFrame({ type: "invitation", invitation: invitation }); return; }
    bubble.firstChild.textContent = invitation.text;
    bubble.hidden = false;
  }

  function setUnread(count) {
    unread = count;
    if (badge) { badge.textContent = count > 9 ? "9+" : String(count); badge.hidden = !count; }
    emit("unread", count);
  }
  function remember(active) { try { if (active) localStorage.setItem(activeKey, "1"); else localStorage.removeItem(activeKey); } catch (e) { /* */ } }
  function recall() { try { return localStorage.getItem(activeKey) === "1"; } catch (e) { return false; } }

  // Only our chat frame is listened to: right origin and the very window we created.
  w.addEventListener("message", function (e) {
    if (!frame || e.origin !== base || e.source !== frame.contentWindow) return;
    var m = e.data || {};
    if (m.parley !== 1) return;
    switch (m.type) {
      case "ready":
        frameReady = true;
        toFrame({ type: "init", user: opts.user, attributes: opts.attributes, locale: opts.locale, open: isOpen, reset: resetPending, device: device });
        if (invited && isOpen) toFrame({ type: "invitation", invitation: invited });
        resetPending = false;
        break;
      case "message": emit("message", m.message); break;
      case "unread": if (!isOpen || !m.count) setUnread(m.count | 0); break;
      case "active": remember(!!m.active); break;
      case "close": close(); break;
      case "error": emit("error", m.error); break;
    }
  });

  // Replay what the page asked before we were here, in order; an unknown call is named, never fatal.
  var queued = (stub && stub.q) || [];
  for (var i = 0; i < queued.length; i++) {
    var name = queued[i][0], args = queued[i][1] || [];
    if (typeof api[name] === "function" && name !== "loaded") api[name].apply(null, args);
    else unknown(name);
  }
  start();
})(window, document);
