/**
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */
// HotWax Job Control (customscript_hwx_rl_jobcontrol): see jobcontrol/jobControl.ts and docs/restlets.md.
import type { EntryPoints } from 'N/types';
import { handle } from './jobControl';

export const get: EntryPoints.RESTlet.get = (requestParams) => handle('get', requestParams, new Date()) as string | object;

export const post: EntryPoints.RESTlet.post = (requestBody) => handle('post', requestBody, new Date()) as string | object;
