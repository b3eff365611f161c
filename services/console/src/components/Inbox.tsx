import { duration, t } from "../i18n";
import { choose, current, filters, found, isSupervisor, items, loadInbox, next, open, view } from "../store";
import type { InboxItem, View } from "../types";
import { SearchBox, SearchResultsList } from "./Search";

const VIEWS: View[] = ["mine", "queued", "all", "closed"];

export const visitorName = (v: { id: string; name?: string | null }) => v.name || t("visitorFallback", { id: v.id.slice(-6) });

function preview(item: InboxItem): string {
  const m = item.lastMessage;
  if (!m) return "";
  return m.text || (m.attachments ? t("attachments", { n: m.attachments }) : "");
}

/** The views, the filters and the list of the chosen view, newest activity first. */
export function Inbox() {
  const views = VIEWS.filter((v) => v !== "all" || isSupervisor());
  const setFilter = (name: "status" | "tag", value: string) => {
    filters.value = { ...filters.value, [name]: value || undefined };
    void loadInbox();
  };
  return (
    <section class="inbox-pane" aria-label="Inbox">
      <SearchBox />
      {found.value ? <SearchResultsList /> : <InboxList views={views} setFilter={setFilter} />}
    </section>
  );
}

function InboxList({ views, setFilter }: { views: View[]; setFilter: (name: "status" | "tag", value: string) => void }) {
  return (
    <>
      <div role="tablist" class="views">
        {views.map((v, i) => (
          <button type="button" role="tab" id={"view-" + v} aria-selected={view.value === v} title={`Alt+${i + 1}`}
            onClick={() => choose(v)}>{t(("view." + v) as "view.mine")}</button>
        ))}
      </div>
      <div class="filters">
        <select id="filter-status" aria-label={t("filter.status")} value={filters.value.status ?? ""}
          onChange={(e) => setFilter("status", (e.target as HTMLSelectElement).value)}>
          <option value="">{t("filter.status")}</option>
          {(["open", "queued", "assigned", "bot", "closed"] as const).map((s) => <option value={s}>{t(`status.${s}`)}</option>)}
        </select>
        <input id="filter-tag" placeholder={t("filter.tag")} aria-label={t("filter.tag")} maxLength={40}
          onChange={(e) => setFilter("tag", (e.target as HTMLInputElement).value.trim())} />
      </div>
      <nav id="inbox" aria-label="Conversations">
        {items.value.map((item) => (
          <button type="button" key={item.id} data-id={item.id}
            class={(item.id === current.value ? "active " : "") + (item.unread ? "unread" : "")}
            onClick={() => void open(item.id)}>
            <span class="row1">
              <span class="name">{visitorName(item.visitor)}</span>
              {item.visitor.verified ? <span class="badge verified" title={t("verified")}>✓</span> : null}
              <span class="status">{t(`status.${item.status}`)}</span>
              {item.unread ? <span class="count" title={t("unread", { n: item.unread })}>{item.unread > 99 ? "99+" : item.unread}</span> : null}
            </span>
            <span class="preview">{preview(item)}</span>
            {item.queue ? <span class="queue">{t("queuePlace", { position: item.queue.position, wait: duration(item.queue.waitingSec) })}</span> : null}
            {item.tags.length ? <span class="tags">{item.tags.map((tag) => <span class="tag">{tag}</span>)}</span> : null}
          </button>
        ))}
        {items.value.length === 0 ? <p class="empty">{t("empty")}</p> : null}
      </nav>
      {next.value ? <button type="button" class="more" onClick={() => void loadInbox(true)}>{t("more")}</button> : null}
    </>
  );
}
