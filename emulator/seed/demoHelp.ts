/**
 * The demo community's 求助: 王秀英 (3-1-301) asked for her blood-pressure medicine 40 minutes ago and nobody has taken
 * it yet (it is in the 楼道长's and the volunteer's 待办, and climbs to the grid worker if still open after 2 hours);
 * 李娜 asked from another city for someone to go with her father (3-2-502) to the hospital, and the 楼道长 took it;
 * yesterday's rubbish request of 3-1-301 was done by the volunteer. Built with the help domain functions, so it has
 * exactly the shape real requests have.
 */
import type { HelpContact } from '../../typings/contract/help';
import type { Household, Resident } from '../../server/household/household';
import { stableId } from '../../server/household/household';
import { DEFAULT_RESPONSE_TIMES, newHelpRequest, transition, type HelpAlert, type HelpRequest } from '../../server/helpRequest/helpRequest';
import { acceptedTaskChange, openTask } from '../../server/helpRequest/helpTasks';
import type { Task } from '../../server/tasks/task';

export interface HelpDemo {
  helpRequests: HelpRequest[];
  tasks: Task[];
}

const LEADER = { openid: 'demo-leader', name: '楼道长 张建国' };
const VOLUNTEER = { openid: 'demo-volunteer', name: '志愿者 陈志强' };

export function demoHelp(now: Date, households: Household[], residents: Resident[]): HelpDemo {
  const minutesAgo = (m: number) => new Date(Math.floor(now.getTime() / 60_000) * 60_000 - m * 60_000);
  const byLabel = (label: string) => households.find((h) => h.label === label)!;
  const contacts = (h: Household): HelpContact[] =>
    residents.filter((r) => r.householdId === h._id && r.phone).map((r) => ({ name: r.name, relation: r.relation, phone: r.phone }));
  const told = (at: Date, who: typeof LEADER, role: HelpAlert['role']): HelpAlert => ({
    at,
    openid: who.openid,
    who: who.name,
    role,
    reason: 'created',
    pushed: false,
  });
  const ask = (p: {
    key: string;
    label: string;
    openid: string;
    by: string;
    category: HelpRequest['category'];
    flags: HelpRequest['flags'];
    urgency: HelpRequest['urgency'];
    description: string;
    at: Date;
  }): HelpRequest => {
    const h = byLabel(p.label);
    const r = newHelpRequest({
      _id: stableId('help', p.openid, 'seed', p.key),
      household: h,
      category: p.category,
      flags: p.flags,
      urgency: p.urgency,
      description: p.description,
      photos: [],
      requestedByOpenid: p.openid,
      requestedBy: p.by,
      contacts: contacts(h),
      contentUnchecked: false,
      at: p.at,
      times: DEFAULT_RESPONSE_TIMES,
    });
    return { ...r, alerts: [told(p.at, LEADER, 'buildingLeader'), told(p.at, VOLUNTEER, 'volunteer')] };
  };

  const medicine = ask({
    key: 'medicine',
    label: '3-1-301',
    openid: 'demo-resident',
    by: '王秀英',
    category: '买药',
    flags: ['慢性病'],
    urgency: 2,
    description: '降压药（硝苯地平缓释片）只剩两天的量了，隔离出不去，麻烦帮忙买两盒',
    at: minutesAgo(40),
  });
  const hospitalAsked = ask({
    key: 'hospital',
    label: '3-2-502',
    openid: 'demo-proxy',
    by: '李娜（代办）',
    category: '就医',
    flags: ['独居老人', '慢性病'],
    urgency: 3,
    description: '我父亲明天上午要去医院复查，腿脚不便，我在外地回不来，想请人陪同',
    at: minutesAgo(95),
  });
  const hospital = transition(hospitalAsked, { kind: 'accept', by: LEADER }, minutesAgo(70));
  const rubbishAsked = ask({
    key: 'rubbish',
    label: '3-1-301',
    openid: 'demo-resident',
    by: '王秀英',
    category: '倒垃圾',
    flags: [],
    urgency: 4,
    description: '隔离在家，门口有两袋垃圾',
    at: minutesAgo(24 * 60),
  });
  const rubbish = transition(
    transition(rubbishAsked, { kind: 'accept', by: VOLUNTEER }, minutesAgo(24 * 60 - 30)),
    { kind: 'resolve', by: VOLUNTEER, note: '已带下楼，按规定消杀后投放' },
    minutesAgo(24 * 60 - 45),
  );

  const hospitalTask = { ...openTask(hospitalAsked), ...acceptedTaskChange(hospital) };
  delete hospitalTask.dueAt;
  return { helpRequests: [medicine, hospital, rubbish], tasks: [openTask(medicine), hospitalTask] };
}
