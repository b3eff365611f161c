import { useEffect, useState } from "preact/hooks";
import * as api from "../api";
import { duration, t } from "../i18n";
import { notice } from "../store";
import type { Report, ReportRow } from "../types";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const pct = (v: number | null) => (v === null ? "—" : Math.round(v * 100) + "%");
const secs = (v: number | null) => (v === null ? "—" : duration(v));

/** A bar chart of one figure per line of the report, drawn as SVG (no chart library). */
function Bars({ rows, value, label }: { rows: ReportRow[]; value: (r: ReportRow) => number | null; label: string }) {
  const values = rows.map((r) => value(r) ?? 0);
  const max = Math.max(1, ...values);
  const width = 640, height = 140, gap = 2;
  const bar = Math.max(1, width / Math.max(1, rows.length) - gap);
  return (
    <figure class="chart">
      <figcaption>{label}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 16}`} role="img" aria-label={label}>
        {values.map((v, i) => (
          <rect x={i * (bar + gap)} y={height - (v / max) * height} width={bar} height={(v / max) * height}>
            <title>{`${rows[i].key}: ${v}`}</title>
          </rect>
        ))}
        <text x="0" y={height + 14}>{rows[0]?.key ?? ""}</text>
        <text x={width} y={height + 14} text-anchor="end">{rows[rows.length - 1]?.key ?? ""}</text>
        <text x={width} y="10" text-anchor="end">{Math.round(max)}</text>
      </svg>
    </figure>
  );
}

/** Reports (docs/console.md, "Reports"): a range of days by day, group or agent, charts, a table and CSV. */
export function Reports() {
  const today = new Date();
  const [from, setFrom] = useState(iso(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(iso(today));
  const [by, setBy] = useState<"day" | "group" | "agent">("day");
  const [report, setReport] = useState<Report | null>(null);
  const params = { from, to, by };
  useEffect(() => {
    api.report(params).then(setReport).catch((e: Error) => { notice.value = e.message; });
  }, [from, to, by]);
  const download = async () => {
    try {
      const blob = await api.reportCsv(params);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `parley-report-${from}-${to}-${by}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      notice.value = (e as Error).message;
    }
  };
  const name = (r: ReportRow) => (r.key === "" ? (by === "group" ? t("noGroup") : "—") : r.name ? `${r.name} (${r.key})` : r.key);
  return (
    <div id="reports" class="page">
      <section class="panel wide">
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <label>{t("from")} <input type="date" id="report-from" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
          <label>{t("to")} <input type="date" id="report-to" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
          <label>{t("by")} <select id="report-by" value={by} onChange={(e) => setBy((e.target as HTMLSelectElement).value as "day")}>
            {(["day", "group", "agent"] as const).map((b) => <option value={b}>{t(`by.${b}`)}</option>)}
          </select></label>
          <button type="button" id="report-csv" onClick={() => void download()}>{t("exportCsv")}</button>
        </form>
      </section>
      {report && report.by === "day" ? (
        <>
          <section class="panel"><Bars rows={report.rows} value={(r) => r.opened} label={t("openedPerDay")} /></section>
          <section class="panel"><Bars rows={report.rows} value={(r) => r.avgFirstResponseSec} label={t("frtPerDay")} /></section>
        </>
      ) : null}
      {report ? (
        <section class="panel wide">
          <table id="report-table">
            <thead><tr><th>{t(`by.${report.by}`)}</th><th>{t("opened")}</th><th>{t("avgFirstResponse")}</th>
              <th>{t("avgResolution")}</th><th>{t("csatAvg")}</th><th>{t("botResolution")}</th><th>{t("handoffRate")}</th>
              <th>{t("breaches")}</th><th>{t("utilisation")}</th></tr></thead>
            <tbody>
              {[...report.rows, { ...report.total, key: null }].map((r) => (
                <tr class={r.key === null ? "total" : ""} data-key={r.key ?? "total"}>
                  <td>{r.key === null ? t("total") : name(r)}</td><td class="num">{r.opened}</td>
                  <td class="num">{secs(r.avgFirstResponseSec)}</td><td class="num">{secs(r.avgResolutionSec)}</td>
                  <td class="num">{r.csatAverage === null ? "—" : `${r.csatAverage.toFixed(2)} (${r.csatCount})`}</td>
                  <td class="num">{pct(r.botResolutionRate)}</td><td class="num">{pct(r.handoffRate)}</td>
                  <td class="num">{r.firstResponseBreaches + r.resolutionBreaches}</td><td class="num">{pct(r.utilisation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
