/** WeChat's subscribe-message prompt (wx.requestSubscribeMessage): which of the templates the person allowed. */

/** Resolves with the accepted template ids; closing or refusing the prompt is an empty list, not a failure. */
export function askSubscribe(templateIds: string[]): Promise<string[]> {
  return new Promise((resolve) => {
    if (!templateIds.length) return resolve([]);
    wx.requestSubscribeMessage({
      tmplIds: templateIds,
      success: (res: Record<string, string>) => resolve(templateIds.filter((id) => res[id] === 'accept')),
      fail: () => resolve([]),
    } as unknown as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}
