import type { ActionEvent } from '../../typings/contract/envelope';
import { AppError, networkUnavailable, serverUnavailable } from './errors';

let initialised = false;

/** Called once from App.onLaunch in cloud mode; callCloudFunction also makes sure of it. */
export function initCloud(envId: string): void {
  if (initialised) return;
  if (envId) wx.cloud.init({ env: envId, traceUser: true });
  else wx.cloud.init({ traceUser: true });
  initialised = true;
}

interface CloudCallError {
  errCode?: number;
  errMsg?: string;
}

/**
 * callFunction rejects for transport problems and for platform-side function failures. The latter are not the
 * person's network: a function that threw (-504002) or does not exist (-501000) is a service fault.
 */
function toAppError(err: unknown): AppError {
  const code = (err as CloudCallError | undefined)?.errCode;
  if (code === -504002 || code === -501000) return serverUnavailable();
  return networkUnavailable();
}

export async function callCloudFunction(envId: string, name: string, event: ActionEvent): Promise<unknown> {
  initCloud(envId);
  try {
    const res = await wx.cloud.callFunction({ name, data: { ...event } });
    return res.result;
  } catch (err) {
    throw toAppError(err);
  }
}
