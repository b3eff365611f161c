// The console's texts in English and Simplified Chinese. The language follows the browser until the user picks one
// (kept in localStorage). Every text a user sees comes from here; {name} placeholders are filled by t().
import { signal } from "@preact/signals";

const en = {
  signingIn: "Signing in…", offline: "Offline, reconnecting…", online: "Online", away: "Away", logout: "Log out",
  load: "{load} of {capacity} conversations", language: "中文",
  "view.mine": "Mine", "view.queued": "Queue", "view.all": "All", "view.closed": "Closed",
  "filter.status": "Any status", "filter.tag": "Tag", "filter.group": "Group", more: "Load more", empty: "Nothing here.",
  "status.open": "open", "status.queued": "queued", "status.assigned": "assigned", "status.bot": "with the bot", "status.closed": "closed",
  queuePlace: "#{position} in queue · waiting {wait}", unread: "{n} unread",
  visitorFallback: "Visitor {id}", pick: "Pick a conversation on the left.",
  reply: "Reply…", send: "Send", attach: "Attach a file", close: "Close", reopen: "Reopen", accept: "Accept",
  transfer: "Transfer", transferTo: "Agent id or group:", transferNote: "Note for the next agent (optional):",
  olderLoading: "Loading older messages…", start: "Start of the conversation", typing: "{who} is typing…",
  read: "Read", visitor: "Visitor", verified: "verified", unverified: "unverified",
  claims: "says they are {id} (not verified)", pages: "Pages (newest first)", handoff: "Handed over by the bot ({reason})",
  topic: "Topic", csat: "Rated {score}/5 by the visitor", unmatched: "Asked for {skills}: nobody with that skill could take it, so it came to you",
  alert: "The visitor sounds upset (score {score}).", insert: "Insert suggested reply", dismiss: "Dismiss",
  search: "Search messages, visitors, tags…", searchResults: "Messages", searchConversations: "Conversations",
  noResults: "Nothing found.", closeSearch: "Back to the inbox", "matched.name": "name", "matched.email": "email",
  "matched.attributes": "attributes", "matched.tag": "tag",
  newAssignment: "New conversation assigned to you", notifications: "Enable notifications", note: "Note",
  replyMode: "Reply", notePlaceholder: "Private note (agents only)…", noteBy: "Private note · {who}", fallbackName: "there",
  "page.inbox": "Inbox", "page.tickets": "Tickets", "page.supervisor": "Supervisor",
  queues: "Queues", agents: "Agents", group: "Group", noGroup: "(no group)", waiting: "Waiting", vip: "VIP",
  longestWait: "Longest wait", presence: "Presence", loadCol: "Load", skills: "Skills", "presence.online": "online",
  "presence.away": "away", "presence.offline": "offline", waitingNow: "Waiting now", assignTo: "Assign to…",
  reassign: "Reassign", audit: "Audit log", actor: "Actor", action: "Action", when: "When", conversation: "Conversation",
  searchAudit: "Search", subject: "Subject", requester: "Requester", status: "Status", priority: "Priority",
  assignee: "Assignee", created: "Created", updated: "Updated", replyToRequester: "Reply (sent to the visitor)",
  privateTicketNote: "Private note", addReply: "Reply", addTicketNote: "Add note", change: "Change", email: "Email",
  "ticketStatus.active": "Active", "ticketStatus.open": "Open", "ticketStatus.pending": "Pending",
  "ticketStatus.solved": "Solved", "ticketStatus.closed": "Closed", anyStatus: "Any status", noTickets: "No tickets.",
  "page.reports": "Reports", from: "From", to: "To", by: "By", "by.day": "day", "by.group": "group", "by.agent": "agent",
  exportCsv: "Export CSV", total: "Total", opened: "Opened", avgFirstResponse: "First response (avg)",
  avgResolution: "Resolution (avg)", csatAvg: "CSAT", utilisation: "Utilisation", botResolution: "Bot resolved",
  handoffRate: "Handed over", breaches: "SLA breaches", openedPerDay: "Conversations opened per day",
  frtPerDay: "First response per day (avg)",
  withOther: "{who} has this conversation now: you can leave notes for them.", emoji: "Emoji", pastConversations: "Earlier conversations", createTicket: "Create ticket", ticketCreated: "Ticket #{id} created: see Tickets.",
  tags: "Tags", addTag: "Add a tag…", attachments: "[{n} attachment(s)]", notSent: "{name} was not sent: {error}",
  liveTitle: "On the site now", inviteText: "Hi! Can I help you with anything?", invite: "Invite to chat", invited: "Invited",
  notInvited: "Not invited ({status})", page: "page", pagesN: "pages",
  noRoleTitle: "No console access", noRole: "You are signed in as {user}, but your account has no console role (agent, supervisor or admin) for a tenant. Ask an administrator to grant one, then sign in again.",
  refused: "Refused: {message}",
};
type Key = keyof typeof en;

const zh: Record<Key, string> = {
  signingIn: "正在登录…", offline: "已离线，正在重连…", online: "在线", away: "离开", logout: "退出登录",
  load: "{load} / {capacity} 个会话", language: "English",
  "view.mine": "我的", "view.queued": "排队中", "view.all": "全部", "view.closed": "已关闭",
  "filter.status": "所有状态", "filter.tag": "标签", "filter.group": "组", more: "加载更多", empty: "暂无会话。",
  "status.open": "打开", "status.queued": "排队中", "status.assigned": "已分配", "status.bot": "机器人接待中", "status.closed": "已关闭",
  queuePlace: "排队第 {position} 位 · 已等待 {wait}", unread: "{n} 条未读",
  visitorFallback: "访客 {id}", pick: "请在左侧选择一个会话。",
  reply: "回复…", send: "发送", attach: "添加附件", close: "关闭", reopen: "重新打开", accept: "接入",
  transfer: "转接", transferTo: "客服 id 或组：", transferNote: "给下一位客服的备注（可选）：",
  olderLoading: "正在加载更早的消息…", start: "会话开始", typing: "{who} 正在输入…",
  read: "已读", visitor: "访客", verified: "已验证", unverified: "未验证",
  claims: "自称 {id}（未验证）", pages: "浏览页面（最新在前）", handoff: "机器人转人工（{reason}）",
  topic: "主题", csat: "访客评分 {score}/5", unmatched: "需要 {skills}：没有具备该技能的客服可接待，因此转给了你",
  alert: "访客情绪不佳（分数 {score}）。", insert: "插入建议回复", dismiss: "忽略",
  search: "搜索消息、访客、标签…", searchResults: "消息", searchConversations: "会话",
  noResults: "没有找到。", closeSearch: "返回收件箱", "matched.name": "姓名", "matched.email": "邮箱",
  "matched.attributes": "属性", "matched.tag": "标签",
  newAssignment: "有新会话分配给你", notifications: "开启通知", note: "备注",
  replyMode: "回复", notePlaceholder: "内部备注（仅客服可见）…", noteBy: "内部备注 · {who}", fallbackName: "您",
  "page.inbox": "收件箱", "page.tickets": "工单", "page.supervisor": "主管",
  queues: "队列", agents: "客服", group: "组", noGroup: "（无组）", waiting: "等待", vip: "VIP",
  longestWait: "最长等待", presence: "状态", loadCol: "负载", skills: "技能", "presence.online": "在线",
  "presence.away": "离开", "presence.offline": "离线", waitingNow: "正在等待", assignTo: "分配给…",
  reassign: "改派", audit: "审计日志", actor: "操作者", action: "操作", when: "时间", conversation: "会话",
  searchAudit: "搜索", subject: "主题", requester: "提交人", status: "状态", priority: "优先级",
  assignee: "负责人", created: "创建", updated: "更新", replyToRequester: "回复（发送给访客）",
  privateTicketNote: "内部备注", addReply: "回复", addTicketNote: "添加备注", change: "变更", email: "邮箱",
  "ticketStatus.active": "进行中", "ticketStatus.open": "打开", "ticketStatus.pending": "待处理",
  "ticketStatus.solved": "已解决", "ticketStatus.closed": "已关闭", anyStatus: "所有状态", noTickets: "暂无工单。",
  "page.reports": "报表", from: "从", to: "到", by: "按", "by.day": "天", "by.group": "组", "by.agent": "客服",
  exportCsv: "导出 CSV", total: "合计", opened: "新会话", avgFirstResponse: "首次响应（平均）",
  avgResolution: "解决时长（平均）", csatAvg: "满意度", utilisation: "利用率", botResolution: "机器人解决",
  handoffRate: "转人工", breaches: "SLA 超时", openedPerDay: "每日新会话", frtPerDay: "每日首次响应（平均）",
  withOther: "该会话现由 {who} 接待：你可以给 TA 留内部备注。", emoji: "表情", pastConversations: "历史会话", createTicket: "创建工单", ticketCreated: "已创建工单 #{id}，见“工单”。",
  tags: "标签", addTag: "添加标签…", attachments: "[{n} 个附件]", notSent: "{name} 未发送：{error}",
  liveTitle: "正在浏览网站", inviteText: "您好！有什么可以帮您？", invite: "邀请对话", invited: "已邀请",
  notInvited: "未邀请（{status}）", page: "页", pagesN: "页",
  noRoleTitle: "无权访问控制台", noRole: "你已以 {user} 登录，但该账号在任何租户下都没有控制台角色（agent、supervisor 或 admin）。请联系管理员授予角色后重新登录。",
  refused: "被拒绝：{message}",
};

const pick = (): "en" | "zh-CN" => {
  const saved = localStorage.getItem("parley.console.lang");
  if (saved === "en" || saved === "zh-CN") return saved;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
};

export const lang = signal<"en" | "zh-CN">(pick());

export function setLang(value: "en" | "zh-CN") {
  localStorage.setItem("parley.console.lang", value);
  lang.value = value;
  document.documentElement.lang = value;
}

export function t(key: Key, vars: Record<string, string | number> = {}): string {
  const text = (lang.value === "zh-CN" ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

/** A wait in seconds as "42 s", "3 min", "1 h 5 min". */
export function duration(sec: number): string {
  if (sec < 60) return Math.max(0, Math.round(sec)) + " s";
  if (sec < 3600) return Math.floor(sec / 60) + " min";
  return Math.floor(sec / 3600) + " h " + Math.floor((sec % 3600) / 60) + " min";
}
