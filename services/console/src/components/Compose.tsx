import { useRef, useState } from "preact/hooks";
import { upload } from "../files";
import { t } from "../i18n";
import { act, current, draft, notice, reply, thread, tick, typing } from "../store";

/** The reply box (Enter sends, typing is announced), attachments, and the conversation's actions. */
export function Compose({ id }: { id: string }) {
  tick.value;
  const th = thread(id);
  const file = useRef<HTMLInputElement>(null);
  const [transferring, setTransferring] = useState(false);
  const closed = th.status === "closed";
  const queued = th.status === "queued";

  const submit = (e: Event) => {
    e.preventDefault();
    const text = draft.value.trim();
    if (!text) return;
    reply(text);
    typing(false);
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
    <div class="compose">
      <form id="reply" onSubmit={submit}>
        <button type="button" id="attach" class="attach" aria-label={t("attach")} title={t("attach")} disabled={closed}
          onClick={() => file.current?.click()}><PaperClip /></button>
        <input id="file" ref={file} type="file" multiple hidden onChange={attach} />
        <input id="text" autocomplete="off" maxLength={4000} placeholder={t("reply")} disabled={closed}
          value={draft.value}
          onInput={(e) => { draft.value = (e.target as HTMLInputElement).value; typing(true); }} />
        <button class="send" disabled={closed}>{t("send")}</button>
      </form>
      <div class="actions">
        {queued ? <button type="button" id="accept" onClick={() => act("accept")}>{t("accept")}</button> : null}
        {!closed && !queued ? <button type="button" id="transfer" onClick={() => setTransferring(!transferring)}>{t("transfer")}</button> : null}
        {closed ? <button type="button" id="reopen" onClick={() => act("reopen")}>{t("reopen")}</button>
          : <button type="button" id="close" class="close" onClick={() => act("close")}>{t("close")}</button>}
      </div>
      {transferring ? <Transfer done={() => setTransferring(false)} /> : null}
    </div>
  );
}

/** Drawn, not an emoji: machines without an emoji font would show a box. */
function PaperClip() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5" fill="none"
        stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
    </svg>
  );
}

function Transfer({ done }: { done: () => void }) {
  const [kind, setKind] = useState<"toAgent" | "toGroup">("toAgent");
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  return (
    <form id="transfer-form" class="transfer" onSubmit={(e) => {
      e.preventDefault();
      if (!to.trim()) return;
      act("transfer", note.trim() ? { [kind]: to.trim(), note: note.trim() } : { [kind]: to.trim() });
      done();
    }}>
      <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as "toAgent")}>
        <option value="toAgent">agent</option>
        <option value="toGroup">group</option>
      </select>
      <input id="transfer-to" value={to} maxLength={128} aria-label={t("transferTo")} placeholder={t("transferTo")}
        onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
      <input id="transfer-note" value={note} maxLength={1000} aria-label={t("transferNote")} placeholder={t("transferNote")}
        onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      <button>{t("transfer")}</button>
    </form>
  );
}
