/** Cloud function `health`: isolation, twice-daily check-ins, the alerts and to-do items they raise, and the slot timers. */
import type { HealthApi } from '../../../typings/contract/health';
import { checkInHistory, getGridBoard, getLeaderBoard, setWindows, submitCheckIn } from '../../checkIn/handlers';
import { runDueSlots } from '../../checkIn/slotRuns';
import { healthDeps } from '../../health/deps';
import { userRepository } from '../../identity/userRepository';
import { runIsolationDaily } from '../../isolation/daily';
import { extend, getIsolation, listIsolations, myIsolations, release, setCareTeam, startIsolation } from '../../isolation/handlers';
import { mySubscriptions, recordSubscription } from '../../notifications/handlers';
import { cloud, cloudPlatform, db } from '../../platform/cloud';
import { createRouter, type RoutesFor, type Timers } from '../../platform/router';
import { countMyTasks, listMyTasks, markTaskDone } from '../../tasks/handlers';

const deps = healthDeps(db, userRepository(db), { send: (message) => cloud.openapi.subscribeMessage.send(message) }, cloudPlatform.log);

export const routes: RoutesFor<HealthApi> = {
  'isolation.start': startIsolation(deps),
  'isolation.extend': extend(deps),
  'isolation.release': release(deps),
  'isolation.setCareTeam': setCareTeam(deps),
  'isolation.get': getIsolation(deps),
  'isolation.list': listIsolations(deps),
  'isolation.mine': myIsolations(deps),
  'checkIn.submit': submitCheckIn(deps),
  'checkIn.history': checkInHistory(deps),
  'checkIn.leaderBoard': getLeaderBoard(deps),
  'checkIn.gridBoard': getGridBoard(deps),
  'checkIn.setWindows': setWindows(deps),
  'tasks.listMine': listMyTasks(deps),
  'tasks.counts': countMyTasks(deps),
  'tasks.done': markTaskDone(deps),
  'subscription.mine': mySubscriptions(deps),
  'subscription.record': recordSubscription(deps),
};

/** Named as in cloudfunctions/health/config.json. */
export const timers: Timers = {
  slotTick: ({ now }) => runDueSlots(deps, now),
  isolationDaily: ({ now }) => runIsolationDaily(deps, now),
};

export const main = createRouter(routes, cloudPlatform, timers);
