// A NetSuite-like look for pages the local server renders itself (record pages, errors, the index).
export const NS_STYLE = `
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#262626;background:#fff}
.ns-header{background:#3b4b5c;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}
.ns-logo{font-weight:bold;font-size:16px}.ns-env{font-size:11px;opacity:.8}
.page{padding:12px 20px}.title{font-size:20px;font-weight:normal;margin:4px 0 12px}
.rectype{color:#666;font-size:11px;text-transform:uppercase}
h2.subtab{font-size:13px;background:#e5e9ee;border-bottom:2px solid #607799;padding:5px 8px;margin:16px 0 6px}
table.fields td{padding:3px 8px;vertical-align:top}table.fields td.lbl{color:#666;text-transform:uppercase;font-size:11px}table.fields td.lbl .fid{text-transform:none;color:#999;font-size:10px;margin-left:4px}
table.list{border-collapse:collapse;width:100%}table.list th{background:#e5e9ee;text-align:left;padding:4px 6px;font-size:11px;text-transform:uppercase;color:#444}
table.list td{padding:4px 6px;border-bottom:1px solid #e0e0e0}a{color:#255599}
`;
