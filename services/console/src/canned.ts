// Canned responses in the reply box: `/shortcut` completion and the variables a response may hold. Pure logic,
// unit-tested in canned.test.ts.
import type { VisitorProfile } from "./types";

export interface Canned { id: number; shortcut: string; body: string; personal: boolean }

/** What `{{…}}` variables stand for in a response. */
export interface Context { visitor?: VisitorProfile; agentName: string; fallbackName: string }

/** The shortcut being typed: the draft is `/` then letters, digits, `_` or `-`, nothing else; else null. */
export function typedShortcut(draft: string): string | null {
  const match = /^\/([a-z0-9_-]{0,32})$/i.exec(draft);
  return match ? match[1].toLowerCase() : null;
}

/** The responses whose shortcut starts with what is typed; an agent's own one hides the tenant's of that name. */
export function matching(all: Canned[], typed: string): Canned[] {
  const seen = new Set<string>();
  return all.filter((c) => c.shortcut.startsWith(typed))
    .sort((a, b) => a.shortcut.localeCompare(b.shortcut) || Number(b.personal) - Number(a.personal))
    .filter((c) => (seen.has(c.shortcut) ? false : (seen.add(c.shortcut), true)));
}

/**
 * Fills in {{visitor.name}}, {{visitor.email}}, {{visitor.id}}, {{agent.name}} and {{attributes.NAME}}; a name
 * the visitor has not given becomes the fallback ("there"); an unknown variable is left as written, for the agent
 * to see before sending.
 */
export function expand(body: string, ctx: Context): string {
  return body.replace(/\{\{\s*([a-zA-Z]+)\.([a-zA-Z0-9_-]+)\s*\}\}/g, (whole, scope: string, name: string) => {
    if (scope === "visitor" && name === "name") return ctx.visitor?.name || ctx.fallbackName;
    if (scope === "visitor" && name === "email") return ctx.visitor?.claimedId || "";
    if (scope === "visitor" && name === "id") return ctx.visitor?.id || "";
    if (scope === "agent" && name === "name") return ctx.agentName;
    if (scope === "attributes") {
      const attribute = ctx.visitor?.attributes?.[name];
      return attribute === undefined ? "" : String(attribute.value);
    }
    return whole;
  });
}
