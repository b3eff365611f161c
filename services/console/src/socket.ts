// The agent socket (docs/protocol.md, "Agents"): the bearer token rides in the subprotocol header, frames are JSON.
// Closed sockets reconnect with exponential backoff and jitter (1 s doubling to 30 s; 1012 = the gateway is
// draining: at once, to another one), then resume the conversations held.
import type { ServerFrame } from "./types";

export class AgentSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly token: () => string, private readonly onFrame: (frame: ServerFrame) => void,
              private readonly onState: (online: boolean) => void) {}

  open(): void {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(scheme + "//" + location.host + "/ws/agent",
      ["bearer-token-carrier", "quarkus-http-upgrade#Authorization#" + encodeURIComponent("Bearer " + this.token())]);
    this.socket = socket;
    socket.onopen = () => { this.attempt = 0; this.onState(true); };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data) as ServerFrame;
      if (frame.type === "welcome") this.beat(frame.heartbeatSec);
      this.onFrame(frame);
    };
    socket.onclose = (event) => {
      clearInterval(this.heartbeat);
      this.onState(false);
      if (this.stopped) return;
      const backoff = event.code === 1012 ? Math.random() * 1000
        : Math.min(30_000, 1000 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      setTimeout(() => this.open(), backoff);
    };
  }

  send(frame: Record<string, unknown>): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close(): void {
    this.stopped = true;
    this.socket?.close(1000);
  }

  private beat(seconds: number) {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.send({ type: "ping", t: Date.now() }), Math.max(5, seconds) * 1000);
  }
}
