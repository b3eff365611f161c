// The browser stage's mail server: a small SMTP server (RFC 5321's EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT;
// no TLS, no AUTH) that the e2e gateway sends to, keeping every mail in memory so the journey can read what a
// visitor would have received.
import { createServer } from "node:net";

/** Decodes a quoted-printable body enough to search it for text (soft line breaks and =XX bytes, as UTF-8). */
const unquote = (text) => Buffer.from(text.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g,
  (m, hex) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");

export async function smtpSink(port) {
  const mails = [];
  const open = new Set(); // connections the gateway keeps for reuse: ended on close, or node would wait for them
  const server = createServer((socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.setEncoding("latin1");
    let buffer = "", data = null, mail = { to: [] };
    const say = (line) => socket.write(line + "\r\n");
    say("220 parley-e2e ESMTP");
    socket.on("error", () => {});
    socket.on("data", (chunk) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line !== ".") { data.push(line.startsWith(".") ? line.slice(1) : line); continue; }
          mails.push({ to: mail.to, raw: data.join("\r\n"), text: unquote(data.join("\r\n")) });
          data = null; mail = { to: [] };
          say("250 queued");
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") { say("250-parley-e2e"); say("250 8BITMIME"); }
        else if (verb === "HELO" || verb === "NOOP") say("250 OK");
        else if (verb === "MAIL") say("250 OK");
        else if (verb === "RCPT") { mail.to.push(line.replace(/^RCPT TO:\s*<?([^>\s]*)>?.*$/i, "$1")); say("250 OK"); }
        else if (verb === "DATA") { data = []; say("354 end with <CRLF>.<CRLF>"); }
        else if (verb === "RSET") { mail = { to: [] }; say("250 OK"); }
        else if (verb === "QUIT") { say("221 bye"); socket.end(); }
        else say("502 not implemented");
      }
    });
  });
  await new Promise((ok, fail) => { server.once("error", fail); server.listen(port, "127.0.0.1", ok); });
  return {
    mails,
    /** The first mail to `address`, waiting up to `ms` for it. */
    async mailTo(address, ms = 20000) {
      for (const until = Date.now() + ms; Date.now() < until; await new Promise((ok) => setTimeout(ok, 200))) {
        const found = mails.find((m) => m.to.includes(address));
        if (found) return found;
      }
      throw new Error(`no mail to ${address} within ${ms} ms (${mails.length} received)`);
    },
    close: () => { server.close(); for (const socket of open) socket.destroy(); }
  };
}
