import { t } from "../i18n";
import { found, openAt, open, runSearch } from "../store";
import type { SearchHit } from "../types";
import { visitorName } from "./Inbox";

/** A snippet with its matches marked: text nodes and <mark>, never markup from the message. */
function Marked({ hit }: { hit: SearchHit }) {
  const parts = [];
  let at = 0;
  for (const [start, end] of hit.highlights) {
    if (start > at) parts.push(hit.snippet.slice(at, start));
    parts.push(<mark>{hit.snippet.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(hit.snippet.slice(at));
  return <span class="snippet">{parts}</span>;
}

/** The search box (`/` to focus); Enter searches the tenant's whole history, Escape goes back to the inbox. */
export function SearchBox() {
  return (
    <form id="search-form" role="search" onSubmit={(e) => {
      e.preventDefault();
      void runSearch((document.getElementById("search") as HTMLInputElement).value);
    }}>
      <input id="search" type="search" maxLength={200} placeholder={t("search")} aria-label={t("search")}
        onKeyDown={(e) => { if (e.key === "Escape") { (e.target as HTMLInputElement).value = ""; found.value = null; } }} />
    </form>
  );
}

/** What a search found: conversations by visitor or tag, then messages newest first; a click opens it there. */
export function SearchResultsList() {
  const shown = found.value!;
  const { messages, conversations, next } = shown.results;
  return (
    <div id="search-results" aria-label="Search results">
      <button type="button" class="back" onClick={() => { found.value = null; }}>← {t("closeSearch")}</button>
      {conversations.length ? <h3>{t("searchConversations")}</h3> : null}
      {conversations.map((c) => (
        <button type="button" class="hit conversation" data-id={c.conversationId} onClick={() => void open(c.conversationId)}>
          <span class="name">{visitorName(c.visitor)}</span>
          <span class="why">{t(`matched.${c.matched}`)}{c.tags.length ? " · " + c.tags.join(", ") : ""}</span>
        </button>
      ))}
      {messages.length ? <h3>{t("searchResults")}</h3> : null}
      {messages.map((hit) => (
        <button type="button" class="hit message" data-id={hit.conversationId} data-seq={hit.seq}
          onClick={() => void openAt(hit.conversationId, hit.seq)}>
          <span class="row1"><span class="name">{visitorName(hit.visitor)}</span>
            <span class="status">{new Date(hit.at).toLocaleString()}</span></span>
          <Marked hit={hit} />
        </button>
      ))}
      {!messages.length && !conversations.length ? <p class="empty">{t("noResults")}</p> : null}
      {next ? <button type="button" class="more" onClick={() => void runSearch(shown.q, true)}>{t("more")}</button> : null}
    </div>
  );
}
