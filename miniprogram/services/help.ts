/** The typed client of the `help` cloud function (typings/contract/help.d.ts): 求助 and its photos. */
import type { Page } from '../../typings/contract/community';
import type { HelpApi, HelpCategory, HelpRequestSummary, HelpRequestView, HelpUrgency, VulnerableFlag } from '../../typings/contract/help';
import { AppError, functionClient, uploadFile } from '../transport/index';

export type { HelpCategory, HelpRequestSummary, HelpRequestView, HelpUrgency, VulnerableFlag };

export const help = functionClient<HelpApi>('help');

export type HelpRequestInput = HelpApi['help.create']['input'];

/** `requestId` is the submit key's: the same on every retry of one submit, so a retry never asks twice. */
export function createHelpRequest(input: HelpRequestInput, requestId: string): Promise<HelpRequestView> {
  return help('help.create', input, { requestId });
}

export function fetchMyHelpRequests(cursor: string | null): Promise<Page<HelpRequestSummary>> {
  return help('help.mine', cursor ? { cursor } : {});
}

export function fetchHelpRequest(helpRequestId: string): Promise<HelpRequestView> {
  return help('help.get', { helpRequestId });
}

export function acceptHelpRequest(helpRequestId: string, requestId: string): Promise<HelpRequestView> {
  return help('help.accept', { helpRequestId }, { requestId });
}

export function resolveHelpRequest(helpRequestId: string, note: string, requestId: string): Promise<HelpRequestView> {
  return help('help.resolve', { helpRequestId, note }, { requestId });
}

export function cancelHelpRequest(helpRequestId: string, reason: string, requestId: string): Promise<HelpRequestView> {
  return help('help.cancel', reason ? { helpRequestId, reason } : { helpRequestId }, { requestId });
}

/** At most this many photos on one request (the function checks the same). */
export const MAX_PHOTOS = 6;

/** Opens the album / camera for up to `count` photos; [] when the person closes it. */
export function choosePhotos(count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (res) => resolve(res.tempFiles.map((f) => f.tempFilePath)),
      fail: (err: { errMsg?: string }) => {
        if (err?.errMsg?.includes('cancel')) resolve([]);
        else reject(new AppError('HELP.PHOTO_FAILED', '无法打开相册或相机，请稍后重试'));
      },
    });
  });
}

/** Pure: where a photo goes (help/<household>/<time>-<nonce>-<n>.jpg): the function accepts only help/ fileIDs. */
export function photoCloudPath(householdId: string, now: number, nonce: string, index: number, tempPath: string): string {
  const ext = /\.(png|jpe?g|webp)$/i.exec(tempPath)?.[1]?.toLowerCase() ?? 'jpg';
  return `help/${householdId}/${now}-${nonce}-${index}.${ext}`;
}

/** Uploads the picked photos; answers their fileIDs in order. */
export async function uploadPhotos(householdId: string, tempPaths: string[]): Promise<string[]> {
  const nonce = Math.floor(Math.random() * 0x100000000).toString(36);
  const now = Date.now();
  const ids: string[] = [];
  for (const [i, path] of tempPaths.entries()) ids.push(await uploadFile(photoCloudPath(householdId, now, nonce, i, path), path));
  return ids;
}

export type { HelpResponseTimes } from '../../typings/contract/help';

/** 管理员：本社区求助多久无人接单就升级。 */
export function fetchResponseTimes(communityId: string) {
  return help('help.responseTimes', { communityId });
}

export function saveResponseTimes(communityId: string, urgentMinutes: number, otherMinutes: number) {
  return help('help.setResponseTimes', { communityId, urgentMinutes, otherMinutes });
}
