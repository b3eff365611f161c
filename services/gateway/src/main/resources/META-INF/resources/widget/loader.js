// Parley widget loader: tiny and async. Adds a launcher button and the hosted chat in an iframe.
// Usage on a tenant's page:
//   <script async src="https://GATEWAY/widget/loader.js" data-tenant="acme"></script>
(function () {
  "use strict";
  const script = document.currentScript;
  const tenant = script.dataset.tenant;
  const origin = new URL(script.src).origin;
  const frame = document.createElement("iframe");
  frame.src = origin + "/chat/" + encodeURIComponent(tenant);
  frame.title = "Chat";
  frame.style.cssText = "position:fixed;right:20px;bottom:90px;width:360px;height:520px;border:0;" +
    "border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:none;z-index:2147483000";
  const button = document.createElement("button");
  button.textContent = "Chat";
  button.setAttribute("aria-label", "Open chat");
  button.style.cssText = "position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:30px;" +
    "border:0;background:#1f4e79;color:#fff;font:600 15px system-ui;cursor:pointer;z-index:2147483000";
  button.addEventListener("click", () => { frame.style.display = frame.style.display === "none" ? "block" : "none"; });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
