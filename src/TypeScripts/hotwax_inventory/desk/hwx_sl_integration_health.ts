/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */
// HotWax Integration Health (customscript_hwx_sl_integration_health): for admins. See docs/desk.md.
// GET shows; actions are POSTs from a confirmation form (confirm=yes), checked against the role list in
// custscript_hwx_ih_action_roles, and each one (done or refused) is recorded on a HotWax Desk Action record.
import type { EntryPoints } from 'N/types';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import * as reads from '../adapters/deskHealth';
import { loadSftpSettingsFor } from '../adapters/sftpConfig';
import { SftpFolder } from '../adapters/sftpFolder';
import { parseCsvWithLines } from '../core/csv';
import { allDeployments, FLOWS, isStuck, mayAct, planReprocess, RUNS_PER_FLOW } from '../core/desk/health';
import { esc, formatNumber, link, page, statusBadge, table } from '../core/desk/html';
import { describe } from '../core/integrationError';

const SCRIPT = 'customscript_hwx_sl_integration_health';
const DEPLOY = 'customdeploy_hwx_sl_integration_health';

/** One run of the run log: status, start (a link to its record), units and what it did. */
function runLine(r: reads.RunRow): string {
  const started = link(url.resolveRecord({ recordType: 'customrecord_hwx_run', recordId: r.id }), r.started.slice(0, 16).replace('T', ' '));
  const what = `<span class="note">${esc(formatNumber(r.units))} units · ${esc(r.summary.slice(0, 240))}</span>`;
  return `<span class="run" data-run="${esc(r.id)}" data-status="${esc(r.status)}" data-units="${r.units}">${statusBadge(r.status)} ${started} ${what}</span>`;
}

export function onRequest(context: EntryPoints.Suitelet.onRequestContext): void {
  const p = context.request.parameters as Record<string, string | undefined>;
  const script = runtime.getCurrentScript();
  const user = runtime.getCurrentUser();
  const allowedRoles = String(script.getParameter({ name: 'custscript_hwx_ih_action_roles' }) ?? '');
  const canAct = mayAct(user.roleId, allowedRoles);
  const self = (extra: Record<string, string> = {}): string => url.resolveScript({ scriptId: SCRIPT, deploymentId: DEPLOY, params: extra });
  const footer = (): string => `Governance: ${1000 - script.getRemainingUsage()} of 1,000 units used by this page.`;
  const out = (title: string, body: string): void => context.response.write({ output: page({ title, user: user.name, role: user.roleId, body, footer: footer() }) });
  const now = new Date();
  let message = '';

  if (context.request.method === 'POST') {
    const action = p.action ?? '';
    const target = action === 'reprocess' ? (p.id ?? '') : (p.deployment ?? '');
    const log = (outcome: string, detail: string): void => {
      reads.recordAction({ action, target, user: `${user.name} (${user.id})`, role: user.roleId, at: now.toISOString(), outcome, detail });
    };
    if (!canAct) {
      log('REFUSED', `Role ${user.roleId} may not act (custscript_hwx_ih_action_roles: ${allowedRoles}).`);
      message = `<div class="msg err" id="result">Your role (${esc(user.roleId)}) may not take actions on this desk. Ask an administrator.</div>`;
    } else if (p.confirm !== 'yes') {
      log('REFUSED', 'Not confirmed.');
      message = '<div class="msg err" id="result">The action was not confirmed; nothing was done.</div>';
    } else if (action === 'reprocess') {
      const ff = reads.feedFile(target);
      const plan = ff ? planReprocess(ff.status, ff.flow, ff.finalPath) : { refused: `No feed file ${target}.` };
      if ('refused' in plan) {
        log('REFUSED', plan.refused);
        message = `<div class="msg err" id="result">${esc(plan.refused)}</div>`;
      } else {
        try {
          const folder = SftpFolder.connect(loadSftpSettingsFor('custscript_hwx_ih_sftp_config'));
          const dir = plan.to.slice(0, plan.to.lastIndexOf('/'));
          if (folder.listNames(dir).has(plan.name)) throw new Error(`${plan.to} already exists on SFTP; nothing was moved.`);
          folder.move(plan.from, plan.to);
          const note = `${ff?.message ?? ''} Reprocess: moved back to ${plan.to} by ${user.name} (${user.roleId}) at ${now.toISOString()}; the next run reads it as a new delivery (rows already applied are skipped).`.trim();
          reads.markReprocessed(target, plan.to, note);
          log('DONE', `Moved ${plan.from} to ${plan.to}.`);
          message = `<div class="msg ok" id="result">${esc(plan.name)} was moved back to ${esc(plan.to)}. The flow's next run imports it as a new delivery; rows already applied are skipped and reported as already applied.</div>`;
        } catch (err) {
          log('FAILED', describe(err));
          message = `<div class="msg err" id="result">Reprocess failed: ${esc(describe(err))}</div>`;
        }
      }
    } else if (action === 'pause' || action === 'resume') {
      const dep = reads.deployments(allDeployments()).find((d) => d.scriptId === target);
      if (!dep) {
        log('REFUSED', `No scheduled deployment ${target} of this project.`);
        message = `<div class="msg err" id="result">Unknown deployment ${esc(target)}.</div>`;
      } else {
        const status = action === 'pause' ? 'NOTSCHEDULED' : 'SCHEDULED';
        reads.setDeploymentStatus(dep.id, status);
        log('DONE', `Status ${dep.status} -> ${status}.`);
        message = `<div class="msg ok" id="result">${esc(dep.title || dep.scriptId)}: ${action === 'pause' ? 'paused (Not Scheduled): files wait on SFTP, nothing is lost' : 'resumed (Scheduled)'}.</div>`;
      }
    } else {
      log('REFUSED', 'Unknown action.');
      message = '<div class="msg err" id="result">Unknown action.</div>';
    }
  }

  if (context.request.method === 'GET' && (p.ask === 'reprocess' || p.ask === 'pause' || p.ask === 'resume')) {
    const what = p.ask === 'reprocess' ? `Reprocess feed file ${p.id ?? ''}: move it from failed/ back to its incoming folder, to be imported again as a new delivery (rows already applied are skipped).` : `${p.ask === 'pause' ? 'Pause' : 'Resume'} the schedule of deployment ${p.deployment ?? ''}.`;
    const hidden = p.ask === 'reprocess' ? `<input type="hidden" name="id" value="${esc(p.id ?? '')}">` : `<input type="hidden" name="deployment" value="${esc(p.deployment ?? '')}">`;
    out('Confirm action', `<div class="msg warn">${esc(what)}</div>${canAct ? '' : `<div class="msg err">Your role (${esc(user.roleId)}) may not take actions; the request would be refused and recorded.</div>`}
<form method="POST" action="${esc(self())}" id="confirm-form"><input type="hidden" name="action" value="${esc(p.ask)}">${hidden}<input type="hidden" name="confirm" value="yes"><button class="btn" type="submit" id="confirm">Confirm</button> ${link(self(), 'Cancel', 'class="btn secondary"')}</form>`);
    return;
  }

  if (context.request.method === 'GET' && p.view === 'file') {
    const ff = reads.feedFile(p.id ?? '');
    if (!ff) {
      out('Feed file', '<div class="msg err">No such feed file.</div>');
      return;
    }
    let rowsHtml = '<p class="note">No error report.</p>';
    if (ff.errorReport !== '') {
      try {
        const folder = SftpFolder.connect(loadSftpSettingsFor('custscript_hwx_ih_sftp_config'));
        const cut = ff.errorReport.lastIndexOf('/');
        const parsed = parseCsvWithLines(folder.readText(ff.errorReport.slice(0, cut), ff.errorReport.slice(cut + 1)));
        rowsHtml = table('error-rows', parsed.headers.map((h) => ({ label: h })), parsed.records.slice(0, 500).map((r) => r.cells.map((c) => esc(c))));
      } catch (err) {
        rowsHtml = `<div class="msg err">The error report ${esc(ff.errorReport)} could not be read: ${esc(describe(err))}</div>`;
      }
    }
    const plan = planReprocess(ff.status, ff.flow, ff.finalPath);
    const action = 'refused' in plan ? `<p class="note">${esc(plan.refused)}</p>` : `<p>Fixed the cause (see "What to do")? ${link(self({ ask: 'reprocess', id: ff.id }), 'Reprocess this file', 'class="btn" id="reprocess"')}</p>`;
    out(`Feed file ${ff.fileName}`, `<p>${link(self(), '← Integration health')} · ${link(url.resolveRecord({ recordType: 'customrecord_hwx_feed_file', recordId: ff.id }), 'feed file record')}</p>
<table class="list" id="file"><tbody><tr><td>Flow</td><td>${esc(ff.flow)}</td></tr><tr><td>Status</td><td>${statusBadge(ff.status)}</td></tr>
<tr><td>Rows</td><td>${ff.rows} (applied ${ff.applied}, rejected ${ff.rejected}, already applied ${ff.skipped})</td></tr>
<tr><td>Where it is</td><td>${esc(ff.finalPath)}</td></tr><tr><td>Error report</td><td>${esc(ff.errorReport)}</td></tr>
<tr><td>Last message</td><td>${esc(ff.message)}</td></tr></tbody></table>
<div class="subtab">Rows the error report lists</div>${rowsHtml}${action}`);
    return;
  }

  const files = reads.latestFeedFiles();
  const limit = Number(script.getParameter({ name: 'custscript_hwx_ih_stuck_minutes' }) ?? 60) || 60;
  const deps = reads.deployments(allDeployments());
  const fileLink = (f: reads.FeedFileRow): string => link(self({ view: 'file', id: f.id }), f.fileName, `class="file" data-id="${esc(f.id)}"`);
  const flowRows = FLOWS.map((fl) => {
    const mine = fl.flow === '' ? [] : files.filter((f) => f.flow === fl.flow).slice(0, 3);
    const last = mine.map((f) => `${statusBadge(f.status)} ${fileLink(f)} <span class="note">${esc(f.created.slice(0, 16).replace('T', ' '))}, ${f.rows} rows, ${f.applied} applied, ${f.rejected} rejected</span>`).join('<br>') || '<span class="note">no files yet</span>';
    const schedule = fl.deployments
      .map((id) => {
        const d = deps.find((x) => x.scriptId === id);
        if (!d) return `${esc(id)}: <span class="note">not deployed</span>`;
        const paused = d.status !== 'SCHEDULED';
        const btn = paused ? link(self({ ask: 'resume', deployment: id }), 'Resume', `class="btn secondary act" data-deployment="${esc(id)}" data-act="resume"`) : link(self({ ask: 'pause', deployment: id }), 'Pause', `class="btn secondary act" data-deployment="${esc(id)}" data-act="pause"`);
        return `<span data-schedule="${esc(id)}">${esc(id)} ${statusBadge(d.status)}</span> ${canAct ? btn : ''}`;
      })
      .join('<br>');
    const runs = reads.latestRuns(fl.runFlows, RUNS_PER_FLOW, fl.deployments);
    const runsHtml = runs.map(runLine).join('<br>') || '<span class="note">no runs logged yet</span>';
    return [esc(fl.label), runsHtml, last, schedule];
  });
  const counts = reads.feedFileCounts();
  const countRows = counts.map((c) => [esc(c.flow), statusBadge(c.status), esc(formatNumber(c.count))]);
  const stuck = files.filter((f) => isStuck(f.status, f.created, now, limit));
  const failed = files.filter((f) => f.status === 'FAILED');
  const failedRows = failed.map((f) => {
    const plan = planReprocess(f.status, f.flow, f.finalPath);
    const act = 'refused' in plan ? '<span class="note">moved back already</span>' : link(self({ view: 'file', id: f.id }), 'Rows and reprocess');
    return [fileLink(f), esc(f.flow), esc(String(f.rejected)), esc(f.errorReport), act];
  });
  const failedColumns = [{ label: 'File' }, { label: 'Flow' }, { label: 'Rejected', num: true }, { label: 'Error report' }, { label: '' }];
  const failedHtml = failed.length === 0 ? '<p class="note" id="no-failed">No failed files.</p>' : table('failed', failedColumns, failedRows);
  const snaps = reads.latestSnapshots();
  const poExport = files.filter((f) => f.flow === 'purchaseorder:export').slice(0, 1);
  const actions = reads.latestActions();
  const body = `${message}${canAct ? '' : '<div class="msg warn">Read only: your role may not take actions here.</div>'}
<div class="subtab">Flows: last runs, last files and schedules</div>${table('flows', [{ label: 'Flow' }, { label: 'Last runs (status, started UTC, units, what it did)' }, { label: 'Last files' }, { label: 'Schedule' }], flowRows)}
<div class="subtab">Failed files</div>${failedHtml}
<div class="subtab">Stuck in flight (over ${limit} minutes)</div>${stuck.length === 0 ? '<p class="note" id="no-stuck">Nothing stuck.</p>' : table('stuck', [{ label: 'File' }, { label: 'Flow' }, { label: 'Status' }, { label: 'Since' }, { label: 'Last message' }], stuck.map((f) => [fileLink(f), esc(f.flow), statusBadge(f.status), esc(f.created), esc(f.message.slice(0, 200))]))}
<div class="subtab">Files by status</div>${table('counts', [{ label: 'Flow' }, { label: 'Status' }, { label: 'Files', num: true }], countRows)}
<div class="subtab">Inventory snapshot</div>${table('snapshots', [{ label: 'Snapshot' }, { label: 'Status' }, { label: 'Rows', num: true }, { label: 'Message' }], snaps.map((s) => [link(url.resolveRecord({ recordType: 'customrecord_hwx_inv_snapshot', recordId: s.id }), s.name), statusBadge(s.status), esc(formatNumber(s.rows)), esc(s.message)]))}
<div class="subtab">Purchase order export</div>${table('poexport', [{ label: 'Last file' }, { label: 'Status' }, { label: 'Lines', num: true }, { label: 'Message' }], poExport.map((f) => [fileLink(f), statusBadge(f.status), esc(String(f.rows)), esc(f.message)]))}
<div class="subtab">Recent desk actions</div>${table('actions', [{ label: 'When' }, { label: 'Who' }, { label: 'Role' }, { label: 'Action' }, { label: 'Target' }, { label: 'Outcome' }, { label: 'Detail' }], actions.map((a) => [esc(a.at), esc(a.user), esc(a.role), esc(a.action), esc(a.target), statusBadge(a.outcome), esc(a.detail.slice(0, 200))]))}`;
  out('HotWax Integration Health', body);
}
