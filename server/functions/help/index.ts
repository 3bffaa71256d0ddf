/** Cloud function `help`: 求助 — asking, accepting, resolving, cancelling, and the timer that escalates what nobody took. */
import type { HelpApi } from '../../../typings/contract/help';
import { escalateDue } from '../../helpRequest/escalation';
import {
  acceptHelpRequest,
  cancelHelpRequest,
  createHelpRequest,
  getHelpRequest,
  getResponseTimes,
  helpDeps,
  myHelpRequests,
  resolveHelpRequest,
  setResponseTimes,
} from '../../helpRequest/handlers';
import { userRepository } from '../../identity/userRepository';
import { cloud, cloudPlatform, db } from '../../platform/cloud';
import { createRouter, type RoutesFor, type Timers } from '../../platform/router';

const deps = helpDeps({
  db,
  users: userRepository(db),
  messenger: { send: (message) => cloud.openapi.subscribeMessage.send(message) },
  msgSecCheck: (params) => cloud.openapi.security.msgSecCheck(params),
  log: cloudPlatform.log,
});

export const routes: RoutesFor<HelpApi> = {
  'help.create': createHelpRequest(deps),
  'help.mine': myHelpRequests(deps),
  'help.get': getHelpRequest(deps),
  'help.accept': acceptHelpRequest(deps),
  'help.resolve': resolveHelpRequest(deps),
  'help.cancel': cancelHelpRequest(deps),
  'help.responseTimes': getResponseTimes(deps),
  'help.setResponseTimes': setResponseTimes(deps),
};

/** Named as in cloudfunctions/help/config.json. */
export const timers: Timers = {
  escalationTick: ({ now }) => escalateDue(deps, now),
};

export const main = createRouter(routes, cloudPlatform, timers);
