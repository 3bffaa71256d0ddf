import type { ActionEvent } from '../../typings/contract/envelope';
import { networkUnavailable } from './errors';
import { getDevOpenid } from './devIdentity';

const TIMEOUT_MS = 15000;

/**
 * Local mode: the emulator's HTTP endpoint for a function. The body is the event the function receives,
 * the response body is the envelope; `x-wx-openid` stands in for the identity WeChat gives in production.
 */
export function postToEmulator(baseUrl: string, name: string, event: ActionEvent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${baseUrl}/functions/${encodeURIComponent(name)}`,
      method: 'POST',
      data: event,
      header: { 'content-type': 'application/json', 'x-wx-openid': getDevOpenid() },
      timeout: TIMEOUT_MS,
      // The envelope is in the body whatever the status; a body that is not one is judged by unwrap().
      success: (res) => resolve(res.data),
      fail: () => reject(networkUnavailable()),
    });
  });
}
