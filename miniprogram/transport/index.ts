/**
 * The transport: the only code that talks to cloud functions (DESIGN.md "Pages only talk to services").
 * Cloud mode: wx.cloud.callFunction; local mode: HTTP to the emulator. Either way the function answers with
 * the envelope, which is unwrapped here: callers get typed data or an AppError.
 */
import type { ActionEvent } from '../../typings/contract/envelope';
import { getConfig } from '../config/index';
import { callCloudFunction } from './cloud';
import { unwrap } from './envelope';
import { postToEmulator } from './local';

export { AppError, toAppError, NETWORK_UNAVAILABLE, SERVER_UNAVAILABLE } from './errors';
export { newRequestId, createSubmitKey } from './requestId';
export type { SubmitKey } from './requestId';
export { getDevOpenid, setDevOpenid } from './devIdentity';
export { initCloud } from './cloud';
export { uploadFile } from './upload';

export interface CallOptions {
  /** For creating actions: the same id on every retry of one submit (see createSubmitKey). */
  requestId?: string;
}

/** Calls `action` on cloud function `name` and resolves with its data, or rejects with an AppError. */
export async function callFunction<T>(name: string, action: string, data?: unknown, options: CallOptions = {}): Promise<T> {
  const event: ActionEvent = { action };
  if (data !== undefined) event.data = data;
  if (options.requestId) event.requestId = options.requestId;

  const config = getConfig();
  const body =
    config.mode === 'cloud'
      ? await callCloudFunction(config.envId, name, event)
      : await postToEmulator(config.localUrl, name, event);
  return unwrap<T>(body);
}

/** An action's types as the contract declares them (typings/contract/<function>.d.ts, e.g. CommunityApi). */
export interface ActionSpec {
  input: unknown;
  output: unknown;
}

/**
 * A typed caller for one function from its contract:
 *   const community = functionClient<CommunityApi>('community');
 *   community('me.get', {})  // Promise<MyProfile>
 */
export function functionClient<Api extends { [A in keyof Api]: ActionSpec }>(name: string) {
  return <A extends keyof Api & string>(action: A, data: Api[A]['input'], options?: CallOptions): Promise<Api[A]['output']> =>
    callFunction<Api[A]['output']>(name, action, data, options);
}

/** Which backend the calls go to; 我的 shows the demo-identity picker only in local mode. */
export function isLocalMode(): boolean {
  return getConfig().mode === 'local';
}
