import { useRef, useState } from "preact/hooks";
import { expand, matching, typedShortcut } from "../canned";
import { upload } from "../files";
import { t } from "../i18n";
import { act, addNote, canned, current, draft, isSupervisor, me, notice, reply, thread, ticketFromConversation, tick,
  typing } from "../store";

/**
 * The reply box (Enter sends, typing is announced; `/shortcut` offers canned responses: arrows choose, Tab or Enter
 * inserts), the private-note mode (Alt+N), attachments, and the conversation's actions.
 */
export function Compose({ id }: { id: string }) {
  tick.value;
  const th = thread(id);
  const file = useRef<HTMLInputElement>(null);
  const [transferring, setTransferring] = useState(false);
  const [noteMode, setNoteMode] = useState(false);
  const [chosen, setChosen] = useState(0);
  const [emoji, setEmoji] = useState(false);
  const closed = th.status === "closed";
  const queued = th.status === "queued";
  // A supervisor moves someone else's conversation with "reassign" (docs/protocol.md); its assignee "transfers".
  const reassigning = isSupervisor() && th.assigneeId !== me.value?.id;
  // Someone else's open conversation (transferred away, or seen in a shared view): an agent may only leave notes.
  const elsewhere = !isSupervisor() && !queued && !closed && !!th.assigneeId && th.assigneeId !== me.value?.id;
  const notes = noteMode || elsewhere;
  const typed = typedShortcut(draft.value);
  const offers = typed === null ? [] : matching(canned.value, typed).slice(0, 8);

  const insert = (index: number) => {
    const pick = offers[index];
    if (!pick) return;
    draft.value = expand(pick.body, { visitor: th.visitor, agentName: me.value?.name || me.value?.id || "",
      fallbackName: t("fallbackName") });
    setChosen(0);
  };
  const keys = (e: KeyboardEvent) => {
    if (e.altKey && e.key.toLowerCase() === "n") { setNoteMode(!noteMode); e.preventDefault(); return; }
    if (!offers.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      setChosen((chosen + (e.key === "ArrowDown" ? 1 : offers.length - 1)) % offers.length);
      e.preventDefault();
    } else if (e.key === "Tab" || e.key === "Enter") {
      insert(Math.min(chosen, offers.length - 1));
      e.preventDefault();
    } else if (e.key === "Escape") {
      draft.value = "";
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const text = draft.value.trim();
    if (!text) return;
    if (notes) {
      void addNote(text);
    } else {
      reply(text);
      typing(false);
    }
    draft.value = "";
  };
  const attach = () => {
    const to = current.value;
    for (const f of Array.from(file.current?.files ?? [])) {
      upload(f).then((part) => { if (to === current.value) reply("", [part]); })
        .catch((err: Error) => { notice.value = t("notSent", { name: f.name, error: err.message }); });
    }
    if (file.current) file.current.value = "";
  };
  return (
    <div class={"compose" + (noteMode ? " note-mode" : "")}>
      {offers.length ? (
        <ul id="canned-suggestions" role="listbox" aria-label="Canned responses">
          {offers.map((c, i) => (
            <li role="option" aria-selected={i === chosen} class={i === chosen ? "chosen" : ""}
              onMouseDown={(e) => { e.preventDefault(); insert(i); }}>
              <strong>/{c.shortcut}</strong> <span>{c.body}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {emoji ? (
        <div id="emoji-picker" role="listbox" aria-label={t("emoji")}>
          {EMOJI.map((e) => (
            <button type="button" role="option" onClick={() => {
              draft.value += e;
              setEmoji(false);
              document.getElementById("text")?.focus();
            }}>{e}</button>
          ))}
        </div>
      ) : null}
      <div class="modes" role="tablist">
        <button type="button" role="tab" id="mode-reply" aria-selected={!notes} disabled={elsewhere} onClick={() => setNoteMode(false)}>{t("replyMode")}</button>
        <button type="button" role="tab" id="mode-note" aria-selected={notes} title="Alt+N" onClick={() => setNoteMode(true)}>{t("note")}</button>
      </div>
      <form id="reply" onSubmit={submit}>
        <button type="button" id="attach" class="attach" aria-label={t("attach")} title={t("attach")} disabled={closed}
          onClick={() => file.current?.click()}><PaperClip /></button>
        <input id="file" ref={file} type="file" multiple hidden onChange={attach} />
        <button type="button" id="emoji" class="attach" aria-label={t("emoji")} title={t("emoji")} aria-expanded={emoji}
          onClick={() => setEmoji(!emoji)}>☺</button>
        <input id="text" autocomplete="off" maxLength={4000} placeholder={notes ? t("notePlaceholder") : t("reply")}
          disabled={closed && !notes} value={draft.value} onKeyDown={keys}
          onInput={(e) => { draft.value = (e.target as HTMLInputElement).value; if (!notes) typing(true); }} />
        <button class="send" disabled={closed && !notes}>{notes ? t("note") : t("send")}</button>
      </form>
      {elsewhere ? <p class="elsewhere">{t("withOther", { who: th.assigneeId ?? "" })}</p> : <div class="actions">
        {queued ? <button type="button" id="accept" onClick={() => act("accept")}>{t("accept")}</button> : null}
        {!closed && (!queued || reassigning) ? <button type="button" id="transfer" onClick={() => setTransferring(!transferring)}>
          {t(reassigning ? "reassign" : "transfer")}</button> : null}
        <button type="button" id="create-ticket" onClick={() => void ticketFromConversation()}>{t("createTicket")}</button>
        {closed ? <button type="button" id="reopen" onClick={() => act("reopen")}>{t("reopen")}</button>
          : <button type="button" id="close" class="close" onClick={() => act("close")}>{t("close")}</button>}
      </div>}
      {transferring ? <Transfer reassign={reassigning} done={() => setTransferring(false)} /> : null}
    </div>
  );
}

/** The picker's emoji: the ones support conversations use most. */
const EMOJI = ["😀", "🙂", "😉", "😊", "😅", "🙏", "👍", "👌", "👋", "🎉", "❤️", "✅", "❌", "⏳", "📦", "🚚", "💳", "🔒",
  "📞", "✉️", "⭐", "🤔", "😢", "😔"];

/** Drawn, not an emoji: machines without an emoji font would show a box. */
function PaperClip() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5" fill="none"
        stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
    </svg>
  );
}

function Transfer({ reassign, done }: { reassign: boolean; done: () => void }) {
  const [kind, setKind] = useState<"toAgent" | "toGroup">("toAgent");
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  return (
    <form id="transfer-form" class="transfer" onSubmit={(e) => {
      e.preventDefault();
      if (!to.trim()) return;
      const target: Record<string, string> = reassign ? { toAgent: to.trim() } : { [kind]: to.trim() };
      act(reassign ? "reassign" : "transfer", note.trim() ? { ...target, note: note.trim() } : target);
      done();
    }}>
      {reassign ? null : (
        <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as "toAgent")}>
          <option value="toAgent">agent</option>
          <option value="toGroup">group</option>
        </select>
      )}
      <input id="transfer-to" value={to} maxLength={128} aria-label={t("transferTo")} placeholder={t("transferTo")}
        onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
      <input id="transfer-note" value={note} maxLength={1000} aria-label={t("transferNote")} placeholder={t("transferNote")}
        onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      <button>{t("transfer")}</button>
    </form>
  );
}
