// Telling an agent something happened while they look elsewhere: the tab title counts unread messages, a short tone
// plays (Web Audio, no sound file), and a desktop notification shows when the tab is hidden and the agent allowed
// them (asked on a click, as browsers require).

let audio: AudioContext | null = null;

export function titleBadge(unread: number) {
  document.title = (unread > 0 ? `(${unread > 99 ? "99+" : unread}) ` : "") + "Parley console";
}

/** A short two-note chime; silently nothing where audio is not allowed yet (no click on the page so far). */
export function chime() {
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") return;
    const now = audio.currentTime;
    [660, 880].forEach((hz, i) => {
      const tone = audio!.createOscillator();
      const gain = audio!.createGain();
      tone.frequency.value = hz;
      gain.gain.setValueAtTime(0.08, now + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.12 + 0.25);
      tone.connect(gain).connect(audio!.destination);
      tone.start(now + i * 0.12);
      tone.stop(now + i * 0.12 + 0.3);
    });
  } catch {
    // no audio here: the title and desktop notification still tell
  }
}

/** Whether asking makes sense: the API exists and the agent has not answered yet. */
export const canAsk = () => "Notification" in window && Notification.permission === "default";

export async function ask(): Promise<void> {
  audio ??= new AudioContext(); // created on a click, so it may play later
  void audio.resume();
  if (canAsk()) await Notification.requestPermission();
}

/** A desktop notification while the tab is hidden; clicking it brings the tab and the conversation back. */
export function desktop(title: string, body: string, onClick: () => void) {
  if (!("Notification" in window) || Notification.permission !== "granted" || !document.hidden) return;
  const n = new Notification(title, { body: body.slice(0, 140), tag: title, icon: undefined });
  n.onclick = () => { window.focus(); onClick(); n.close(); };
}
