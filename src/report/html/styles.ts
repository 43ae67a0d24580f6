// The report's one stylesheet, inlined so the file opens anywhere without network access.
export const STYLES = `
:root { --error: #c62828; --warning: #ef6c00; --info: #1565c0; --ok: #2e7d32; --muted: #666; --line: #ddd; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; }
body { margin: 0; background: #f6f7f9; }
header { background: #14213d; color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 6px; font-size: 22px; }
header p { margin: 0; opacity: .85; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 32px 48px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
h2 { font-size: 18px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 16px 0 8px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #fafafa; }
code { background: #f1f3f5; border-radius: 4px; padding: 1px 4px; font-size: 12.5px; word-break: break-all; }
.badge { display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: 12px; color: #fff; background: var(--muted); white-space: nowrap; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.info { background: var(--info); }
.badge.kind { background: #455a64; }
.counts span { margin-right: 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 12px; font-size: 14px; }
.filters input[type=search] { padding: 4px 8px; min-width: 260px; }
.resource { border-top: 1px solid var(--line); padding: 6px 0; }
.resource summary { cursor: pointer; font-weight: 600; font-size: 14px; }
.finding .envs { color: var(--muted); font-size: 12px; }
.resource .where { color: var(--muted); font-weight: 400; margin-left: 8px; }
.finding { list-style: none; margin: 4px 0 4px 0; font-size: 14px; }
ul.findings { padding-left: 16px; margin: 4px 0; }
.hidden { display: none !important; }
td.scored { white-space: nowrap; }
.score { display: inline-flex; gap: 2px; vertical-align: middle; margin-right: 6px; }
.score i { width: 10px; height: 10px; border-radius: 2px; background: #e0e0e0; display: inline-block; }
.score i.on { background: var(--ok); }
tr.recommended { background: #eef7ee; }
ol.steps { padding-left: 22px; }
ol.steps li { margin: 8px 0; font-size: 14px; }
ol.steps .meta { color: var(--muted); font-size: 12px; margin-left: 6px; }
ol.steps ul { margin: 4px 0; padding-left: 18px; }
.rollback { color: #5d4037; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 12px; fill: #1b1b1b; }
.empty { color: var(--muted); font-style: italic; }
`;
