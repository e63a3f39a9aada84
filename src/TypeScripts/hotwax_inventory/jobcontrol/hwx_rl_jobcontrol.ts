/**
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */
// HotWax Job Control (customscript_hwx_rl_jobcontrol): see jobcontrol/jobControl.ts and docs/restlets.md.
import { handle } from './jobControl';

// NetSuite passes GET query parameters as an object and a POST body as an object (application/json) or a string
// (text/plain), and sends back a returned object as JSON, a string as text. @hitc's RESTlet types allow only
// strings as results, so the entry points are typed here.
export function get(requestParams: Record<string, string>): unknown {
  return handle('get', requestParams, new Date());
}

export function post(requestBody: unknown): unknown {
  return handle('post', requestBody, new Date());
}
