import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { draw } from "../files";
import { t } from "../i18n";
import { dismissAlert, draft, loadNewer, loadOlder, thread, tick } from "../store";
import type { Message, Note } from "../types";

function Parts({ message }: { message: Message }) {
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (box.current && message.parts?.length) box.current.replaceChildren(draw(message.parts));
  }, [message.id]);
  return message.parts?.length ? <span ref={box} /> : null;
}

/** A private note: for agents only, shown where it was written, never sent to the visitor. */
function NoteRow({ note }: { note: Note }) {
  return (
    <div class="note" key={"note-" + note.id} data-note={note.id}>
      <span class="meta">{t("noteBy", { who: note.authorName || note.authorId })} · {time(Date.parse(note.createdAt))}</span>
      <span class="text">{note.body}</span>
    </div>
  );
}

const time = (ts: number) => new Date(ts).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/**
 * The conversation's messages, oldest first, styled by sender; scrolling to the top loads older pages (keeping the
 * view where it was); new messages keep the end in view when the reader was at the end.
 */
export function Thread({ id }: { id: string }) {
  tick.value; // re-render on thread changes
  const t0 = thread(id);
  const log = useRef<HTMLDivElement>(null);
  const before = useRef<{ height: number; top: number; atEnd: boolean } | null>(null);

  // Remember where the reader was before this render changes the content.
  if (log.current) {
    const el = log.current;
    before.current = { height: el.scrollHeight, top: el.scrollTop, atEnd: el.scrollHeight - el.scrollTop - el.clientHeight < 80 };
  }
  const firstSeq = t0.messages[0]?.seq;
  const prevFirst = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = log.current;
    if (!el) return;
    const was = before.current;
    if (t0.focusSeq !== null) {
      // A search hit: bring it to the middle and mark it for a moment.
      const target = el.querySelector<HTMLElement>(`[data-seq="${t0.focusSeq}"]`);
      if (target) {
        target.scrollIntoView({ block: "center" });
        target.classList.add("found");
        setTimeout(() => target.classList.remove("found"), 4000);
      }
      t0.focusSeq = null;
    } else if (was && prevFirst.current !== undefined && firstSeq !== undefined && firstSeq < prevFirst.current) {
      el.scrollTop = el.scrollHeight - was.height + was.top; // older page prepended: stay on the same message
    } else if ((!was || was.atEnd) && !t0.hasNewer) {
      el.scrollTop = el.scrollHeight;
    }
    prevFirst.current = firstSeq;
  });
  useLayoutEffect(() => {
    if (log.current && t0.focusSeq === null) log.current.scrollTop = log.current.scrollHeight;
  }, [id]);

  const onScroll = () => {
    const el = log.current;
    if (!el) return;
    if (el.scrollTop < 60) void loadOlder(id);
    if (t0.hasNewer && el.scrollHeight - el.scrollTop - el.clientHeight < 60) void loadNewer(id);
  };
  return (
    <div id="thread" ref={log} role="log" aria-live="polite" onScroll={onScroll}>
      {t0.loadingOlder ? <p class="older">{t("olderLoading")}</p> : t0.complete ? <p class="older">{t("start")}</p> : null}
      {t0.notes.filter((n) => n.afterSeq < (t0.messages[0]?.seq ?? 1)).map((n) => <NoteRow note={n} />)}
      {t0.messages.map((m) => [(
        <div key={m.seq} class={"msg " + m.sender.kind} data-seq={m.seq}>
          <span class="text">{m.text}</span>
          <Parts message={m} />
          <span class="meta">
            {m.sender.kind === "agent" && m.sender.name ? m.sender.name + " · " : ""}{time(m.ts)}
            {m.sender.kind === "agent" && m.seq <= t0.visitorRead ? <span class="read"> · {t("read")}</span> : null}
          </span>
        </div>
      ), ...t0.notes.filter((n) => n.afterSeq === m.seq).map((n) => <NoteRow note={n} />)])}
      {t0.hasNewer ? <p class="older">{t("olderLoading")}</p> : null}
      {t0.typing ? <p class="typing">{t("typing", { who: t0.typing })}</p> : null}
      {t0.alerts.map((a) => (
        <div class="alert" role="alert" key={a.seq}>
          <span>{t("alert", { score: a.score.toFixed(2) })}</span>
          {a.suggestion ? <q>{a.suggestion}</q> : null}
          {a.suggestion ? <button type="button" class="insert" onClick={() => { draft.value = a.suggestion!; document.getElementById("text")?.focus(); }}>{t("insert")}</button> : null}
          <button type="button" class="dismiss" onClick={() => dismissAlert(id, a.seq)}>{t("dismiss")}</button>
        </div>
      ))}
    </div>
  );
}
