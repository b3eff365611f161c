// Attachments for the chat and the agent console (docs/protocol.md, "Attachments"): upload a file as the raw body,
// and draw a message's parts: images as thumbnails, other files as a download link. The bytes are fetched with the
// bearer token (never a token in a URL) and shown from blob: URLs; names are set as text, so markup stays inert.
window.ParleyFiles = function (getToken) {
  "use strict";
  const auth = () => ({ Authorization: "Bearer " + getToken() });
  const blobs = new Map(); // attachment id -> Promise<blob: URL>

  function blobUrl(id) {
    if (!blobs.has(id)) {
      blobs.set(id, fetch("/api/v1/attachments/" + encodeURIComponent(id), { headers: auth() }).then((r) => {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.blob();
      }).then((b) => URL.createObjectURL(b)).catch((e) => { blobs.delete(id); throw e; }));
    }
    return blobs.get(id);
  }

  // Resolves to the part ({type, id, name, contentType, size}); rejects with the server's message.
  async function upload(file) {
    const r = await fetch("/api/v1/attachments?name=" + encodeURIComponent(file.name), {
      method: "POST", headers: Object.assign({ "Content-Type": file.type || "application/octet-stream" }, auth()),
      body: file
    });
    const body = await r.json().catch(() => ({}));
    if (r.status !== 201) throw new Error(body.message || "HTTP " + r.status);
    return body;
  }

  const size = (n) => n < 1024 ? n + " B" : n < 1048576 ? Math.round(n / 1024) + " KB" : (n / 1048576).toFixed(1) + " MB";

  // The parts of one message as an element to append to its row.
  function draw(parts) {
    const box = document.createElement("div");
    box.className = "parts";
    (parts || []).forEach((p) => {
      const a = document.createElement("a");
      a.className = p.type === "image" ? "part image" : "part file";
      a.href = "#";
      a.dataset.id = p.id;
      if (p.type === "image") {
        const img = document.createElement("img");
        img.alt = p.name;
        a.appendChild(img);
        // Once drawn, the thumbnail grows the log: keep its end in view.
        img.onload = () => { const log = a.closest("[role=log], #thread"); if (log) log.scrollTop = log.scrollHeight; };
        blobUrl(p.id).then((u) => { img.src = u; a.href = u; a.target = "_blank"; a.rel = "noopener"; },
          () => { img.replaceWith(document.createTextNode(p.name)); });
      } else {
        a.textContent = p.name + " (" + size(p.size) + ")";
        a.download = p.name;
        a.addEventListener("click", (e) => {
          if (a.href.startsWith("blob:")) return;
          e.preventDefault();
          blobUrl(p.id).then((u) => { a.href = u; a.click(); });
        });
      }
      box.appendChild(a);
    });
    return box;
  }

  return { upload: upload, draw: draw };
};
