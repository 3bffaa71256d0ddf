/** Cloud function `notice`: 通知 with read receipts — publishing (content check first), residents' lists, receipts for staff. */
import type { NoticeApi } from '../../../typings/contract/notice';
import { userRepository } from '../../identity/userRepository';
import { closeExpiredChasers } from '../../notice/chasers';
import { noticeDeps } from '../../notice/deps';
import { acknowledgeNotice, composer, listManaged, listMine, open, previewScope, publish, unreadCount } from '../../notice/handlers';
import { pushPublished } from '../../notice/push';
import { cloud, cloudPlatform, db } from '../../platform/cloud';
import { createRouter, type RoutesFor, type Timers } from '../../platform/router';
import { confirmFor, outstanding, receipts } from '../../receipt/handlers';

const deps = noticeDeps(
  db,
  userRepository(db),
  { send: (message) => cloud.openapi.subscribeMessage.send(message) },
  (params) => cloud.openapi.security.msgSecCheck(params),
  cloudPlatform.log,
);

export const routes: RoutesFor<NoticeApi> = {
  'notice.composer': composer(deps),
  'notice.previewScope': previewScope(deps),
  'notice.publish': publish(deps),
  'notice.listMine': listMine(deps),
  'notice.unreadCount': unreadCount(deps),
  'notice.open': open(deps),
  'notice.acknowledge': acknowledgeNotice(deps),
  'notice.listManaged': listManaged(deps),
  'notice.receipts': receipts(deps),
  'notice.outstanding': outstanding(deps),
  'notice.confirmFor': confirmFor(deps),
};

/** Named as in cloudfunctions/notice/config.json. */
export const timers: Timers = {
  noticeHourly: ({ now }) => closeExpiredChasers(db, now),
  noticePush: ({ now }) => pushPublished(deps, now),
};

export const main = createRouter(routes, cloudPlatform, timers);
