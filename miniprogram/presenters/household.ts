/** A household as its residents and its staff see it: members, state in words and colour, proxies, history. */
import type { BindingSummary, HouseholdDataExport, HouseholdEventView, HouseholdView, MemberView } from '../../typings/contract/community';
import type { HealthDataExport, IsolationView } from '../../typings/contract/health';
import { bindingRow, shanghaiDateTime } from './profile';
import { riskBadge, type RiskBadge } from './risk';

const EVENT_LABELS: Record<HouseholdEventView['kind'], string> = {
  registered: '登记入户',
  memberAdded: '添加成员',
  memberRemoved: '移除成员',
  bindingConfirmed: '确认绑定',
  bindingRejected: '驳回绑定',
  unbound: '解除绑定',
  unreachable: '标记为未联系上',
  reachable: '恢复联系',
};

export interface MemberRow {
  residentId: string;
  name: string;
  title: string;
  /** As given: masked (138****1234) for whoever does not need it in full. */
  phoneText: string;
  /** Only a full number can be dialled. */
  callable: boolean;
  phone: string;
  wechatText: string;
  /** A member without their own WeChat can be removed by the family; one with it leaves by unbinding. */
  removable: boolean;
}

export interface HistoryRow {
  key: string;
  time: string;
  text: string;
  by: string;
}

export interface HouseholdPageView {
  householdId: string;
  label: string;
  address: string;
  risk: RiskBadge;
  reachable: boolean;
  /** Why nobody answers, when nobody does. */
  reachabilityText: string;
  members: MemberRow[];
  proxies: { key: string; text: string }[];
  history: HistoryRow[];
}

export function memberRow(m: MemberView): MemberRow {
  const callable = Boolean(m.phone) && !m.phoneMasked;
  return {
    residentId: m.residentId,
    name: m.name,
    title: `${m.name}（${m.relation}）`,
    phoneText: m.phone || '未登记手机号',
    callable,
    phone: callable ? m.phone : '',
    wechatText: m.hasWeChat ? '本人已绑定微信' : '没有绑定微信，由家人或楼道长代管',
    removable: !m.hasWeChat,
  };
}

export function historyRow(e: HouseholdEventView, i: number): HistoryRow {
  return {
    key: `${e.at}-${i}`,
    time: shanghaiDateTime(e.at),
    text: e.note ? `${EVENT_LABELS[e.kind] ?? e.kind}：${e.note}` : (EVENT_LABELS[e.kind] ?? e.kind),
    by: e.by,
  };
}

/** Pure: what 我的房屋 and the 楼道长's household page show. */
export function toHouseholdPageView(h: HouseholdView): HouseholdPageView {
  return {
    householdId: h.householdId,
    label: h.label,
    address: `${h.buildingName} ${h.unit}单元 ${h.room}室`,
    risk: riskBadge(h.riskColour),
    reachable: h.reachable,
    reachabilityText: h.reachable ? '' : `未联系上${h.reachabilityNote ? `：${h.reachabilityNote}` : ''}`,
    members: h.members.map(memberRow),
    proxies: h.proxies.map((p, i) => ({ key: `${p.name}-${i}`, text: `${p.name}（${p.relation}）在外地代为办理` })),
    history: h.history.map(historyRow),
  };
}

export interface DataSection {
  title: string;
  rows: { key: string; label: string; value: string }[];
  /** Said when the section has no rows. */
  none: string;
  /** Said under the section: how long it is kept. */
  note?: string;
}

function isolationDataRow(i: IsolationView) {
  return {
    key: i.isolationId,
    label: `${i.name} · ${i.kindLabel}（${i.reasonLabel}）`,
    value: `${i.startDay} 至 ${i.endDay} · ${i.progress}`,
  };
}

/** Newest first, the way people look back; a replaced one says so, one recorded by staff says by whom. */
function checkInDataRows(checkIns: HealthDataExport['checkIns']) {
  return [...checkIns].reverse().map((c) => ({
    key: c.checkInId,
    label: `${c.name} · ${c.day} ${c.slot === 'am' ? '上午' : '下午'}`,
    value: [
      `${c.temperature.toFixed(1)} °C`,
      c.symptomLabels.length ? c.symptomLabels.join('、') : '无症状',
      ...(c.by === 'leader' ? [`${c.byName}代为登记`] : []),
      ...(c.current ? [] : ['已被同一时段的新记录更正']),
    ].join(' · '),
  }));
}

function bindingDataRow(b: BindingSummary, i: number) {
  const row = bindingRow(b);
  return { key: `${b.bindingId}-${i}`, label: row.description, value: [row.statusLabel, row.reason].filter(Boolean).join('，') };
}

/** Pure: 查看我的数据 as a readable list — everything kept about the household, in words. */
export function toMyDataSections(data: HouseholdDataExport): { sections: DataSection[]; exportedAt: string } {
  const h = data.household;
  const view = toHouseholdPageView(h);
  return {
    exportedAt: shanghaiDateTime(data.exportedAt),
    sections: [
      {
        title: '房屋',
        none: '',
        rows: [
          { key: 'label', label: '房号', value: h.label },
          { key: 'address', label: '位置', value: view.address },
          { key: 'state', label: '状态', value: view.risk.label },
          ...(h.reachable ? [] : [{ key: 'reach', label: '联系情况', value: view.reachabilityText }]),
        ],
      },
      {
        title: '家庭成员',
        none: '没有登记成员',
        rows: view.members.map((m) => ({ key: m.residentId, label: m.title, value: `${m.phoneText} · ${m.wechatText}` })),
      },
      { title: '代办人', none: '没有代办人', rows: view.proxies.map((p) => ({ key: p.key, label: p.text, value: '' })) },
      { title: '绑定申请', none: '没有绑定申请', rows: data.bindings.map(bindingDataRow) },
      {
        title: '变更记录',
        none: '还没有变更记录',
        rows: view.history.map((e) => ({ key: e.key, label: e.text, value: `${e.time} · ${e.by}` })),
      },
      { title: '隔离记录', none: '没有隔离记录', rows: data.health.isolations.map(isolationDataRow) },
      { title: '健康打卡', none: '没有打卡记录', rows: checkInDataRows(data.health.checkIns), note: data.health.retention },
    ],
  };
}
