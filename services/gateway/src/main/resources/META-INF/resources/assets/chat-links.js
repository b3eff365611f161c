// The chat's two transports (docs/protocol.md): a WebSocket, and the fallback for networks that block WebSockets:
// Server-Sent Events read with fetch (so the token travels in a header, never in a URL) plus one POST per client
// frame, one at a time, in order. Both give the chat the same thing: link.send(frame), link.close(), and calls to
// on.frame(frame) for every server frame and one on.gone(code) when the link ends (1012: reconnect now).
window.ParleyLinks = (function () {
  "use strict";
  const bearer = (token) => "Bearer " + token;

  function socket(token, on) {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(scheme + "//" + location.host + "/ws/visitor",
      ["bearer-token-carrier", "quarkus-http-upgrade#Authorization#" + encodeURIComponent(bearer(token))]);
    let ended = false;
    ws.onmessage = (event) => on.frame(JSON.parse(event.data));
    ws.onclose = (event) => { if (!ended) { ended = true; on.gone(event.code); } };
    return {
      kind: "websocket",
      send(frame) { if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame)); },
      close() { ended = true; ws.close(); }
    };
  }

  function stream(token, on) {
    const abort = new AbortController();
    let ended = false, id = null, queue = Promise.resolve();
    const end = (code) => { if (!ended) { ended = true; abort.abort(); on.gone(code); } };
    function post(frame) {
      return fetch("/api/v1/widget/stream/" + encodeURIComponent(id) + "/frames", {
        method: "POST", headers: { "Content-Type": "application/json", Authorization: bearer(token) },
        body: JSON.stringify(frame) })
        .then((response) => { if (!response.ok) end(1006); }) // the stream is gone or refused: start again
        .catch(() => end(1006));
    }
    function event(block) {
      let name = "message", data = "";
      block.split("\n").forEach((line) => {
        if (line.startsWith("event: ")) name = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      });
      on.alive();
      if (!data) return; // a heartbeat comment
      const payload = JSON.parse(data);
      if (name === "stream") id = payload.streamId;
      else if (name === "close") end(payload.code);
      else on.frame(payload);
    }
    fetch("/api/v1/widget/stream", { headers: { Authorization: bearer(token), Accept: "text/event-stream" },
      cache: "no-store", signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        const reader = response.body.getReader(), decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0 && !ended) { event(buffer.slice(0, cut)); buffer = buffer.slice(cut + 2); }
        }
        end(1006);
      })
      .catch(() => end(1006));
    return {
      kind: "stream",
      send(frame) { if (!ended && id) queue = queue.then(() => (ended ? null : post(frame))); },
      close() { ended = true; abort.abort(); }
    };
  }

  return { socket: socket, stream: stream };
})();
