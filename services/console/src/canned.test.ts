import { describe, expect, it } from "vitest";
import { expand, matching, typedShortcut, type Canned } from "./canned";

const canned = (shortcut: string, personal: boolean, body = shortcut): Canned => ({ id: Math.random(), shortcut, body, personal });

describe("typing a shortcut", () => {
  it("is a slash and a word, nothing else", () => {
    expect(typedShortcut("/")).toBe("");
    expect(typedShortcut("/Ref")).toBe("ref");
    expect(typedShortcut("/refund please")).toBeNull();
    expect(typedShortcut("refund")).toBeNull();
  });

  it("lists matches by shortcut, the agent's own hiding the tenant's of the same name", () => {
    const all = [canned("refund", false, "tenant"), canned("hello", false), canned("refund", true, "mine"), canned("ref-policy", false)];
    expect(matching(all, "ref").map((c) => c.shortcut)).toEqual(["ref-policy", "refund"]);
    expect(matching(all, "ref")[1].body).toBe("mine");
    expect(matching(all, "")).toHaveLength(3);
    expect(matching(all, "zzz")).toEqual([]);
  });
});

describe("variables", () => {
  const visitor = { id: "v-1", name: "Ann", verified: true, claimedId: "ann@example.com",
    attributes: { plan: { value: "gold", setAt: 1 } } };
  it("fill in the visitor, the agent and attributes", () => {
    expect(expand("Hi {{visitor.name}}, I'm {{ agent.name }}. Plan: {{attributes.plan}} ({{visitor.email}})",
      { visitor, agentName: "Alice", fallbackName: "there" })).toBe("Hi Ann, I'm Alice. Plan: gold (ann@example.com)");
  });

  it("fall back for a visitor without a name and leave unknown ones as written", () => {
    expect(expand("Hi {{visitor.name}} {{order.id}} {{attributes.none}}!",
      { visitor: { id: "v", verified: false }, agentName: "A", fallbackName: "there" })).toBe("Hi there {{order.id}} !");
  });
});
