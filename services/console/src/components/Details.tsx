import { useState } from "preact/hooks";
import * as api from "../api";
import { t } from "../i18n";
import { items, notice, open, thread, tick } from "../store";
import { visitorName } from "./Inbox";

/**
 * What the agent should know before answering: the visitor (verified or not, attributes, pages), the bot's handover,
 * the rating, and the conversation's tags. Everything visitor-supplied is rendered as text.
 */
export function Details({ id }: { id: string }) {
  tick.value;
  const th = thread(id);
  const row = items.value.find((i) => i.id === id);
  const visitor = th.visitor ?? (row ? { id: row.visitor.id, name: row.visitor.name, verified: row.visitor.verified } : undefined);
  return (
    <aside id="details" aria-label="About this conversation">
      {visitor ? (
        <section class="visitor">
          <h3>{visitorName(visitor)}</h3>
          <p class="visitor-id">{visitor.id}</p>
          <p>{t("visitor")} · <span class={visitor.verified ? "verified" : "unverified"}>{visitor.verified ? t("verified") : t("unverified")}</span></p>
          {"claimedId" in visitor && visitor.claimedId ? <p class="claimed">{t("claims", { id: visitor.claimedId })}</p> : null}
          {"attributes" in visitor && visitor.attributes ? (
            <dl class="attributes">
              {Object.entries(visitor.attributes).map(([name, a]) => <div class="attribute"><dt>{name}</dt><dd>{String(a.value)}</dd></div>)}
            </dl>
          ) : null}
        </section>
      ) : null}
      {th.handoff ? (
        <section class="handoff">
          <h3>{t("handoff", { reason: th.handoff.reason })}</h3>
          {th.handoff.summary ? <p class="summary">{th.handoff.summary}</p> : null}
          {Array.isArray(th.handoff.intents) && th.handoff.intents.length ? <p class="topic">{t("topic")}: {(th.handoff.intents as string[]).join(", ")}</p> : null}
        </section>
      ) : null}
      {th.unmatchedSkills?.length ? <p class="unmatched">{t("unmatched", { skills: th.unmatchedSkills.join(", ") })}</p> : null}
      {th.csat ? <p class="csat">{t("csat", { score: th.csat.score })}{th.csat.comment ? ": " + th.csat.comment : ""}</p> : null}
      {th.pages?.length ? (
        <section class="pages">
          <h3>{t("pages")}</h3>
          <ol>{th.pages.slice(0, 10).map((p) => <li title={p.url}>{p.title || p.url}</li>)}</ol>
        </section>
      ) : null}
      {th.history?.pastConversations.length ? (
        <section class="past">
          <h3>{t("pastConversations")}</h3>
          <ul>{th.history.pastConversations.map((p) => (
            <li><button type="button" class="link" data-id={p.id} onClick={() => void open(p.id)}>
              {new Date(p.createdAt).toLocaleDateString()} · {t(`status.${p.status}`)}{p.csat ? ` · ★${p.csat}` : ""}
            </button></li>
          ))}</ul>
        </section>
      ) : null}
      {th.history?.tickets.length ? (
        <section class="visitor-tickets">
          <h3>{t("page.tickets")}</h3>
          <ul>{th.history.tickets.map((k) => <li>#{k.id} {k.subject} · {t(`ticketStatus.${k.status}` as "ticketStatus.open")}</li>)}</ul>
        </section>
      ) : null}
      <Tags id={id} tags={row?.tags ?? []} />
    </aside>
  );
}

function Tags({ id, tags }: { id: string; tags: string[] }) {
  const [value, setValue] = useState("");
  const save = async (next: string[]) => {
    try {
      const saved = await api.setTags(id, next);
      items.value = items.value.map((i) => (i.id === id ? { ...i, tags: saved.tags } : i));
    } catch (e) {
      notice.value = (e as Error).message;
    }
  };
  return (
    <section class="tags-editor">
      <h3>{t("tags")}</h3>
      <ul class="tags">
        {tags.map((tag) => <li class="tag">{tag} <button type="button" aria-label={"− " + tag} onClick={() => void save(tags.filter((x) => x !== tag))}>×</button></li>)}
      </ul>
      <form onSubmit={(e) => { e.preventDefault(); if (value.trim()) { void save([...tags, value.trim()]); setValue(""); } }}>
        <input id="tag-input" value={value} maxLength={40} placeholder={t("addTag")}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
      </form>
    </section>
  );
}
