/**
 * 已读回执 (staff): per building, how many households read and acknowledged a notice; tapping a building lists
 * 「还有 3 户未读」 — the households still outstanding, in door order, each with call buttons — the way 楼道长 used to
 * chase people in the group. After a call or a knock, 已电话告知 / 已上门告知 records it for that household.
 * Opened from 通知管理, or from a 待办 with the building already chosen (`?noticeId=&buildingId=`).
 */
import { instanceState } from '../../../../behaviors/instanceState';
import { phoneCall } from '../../../../behaviors/phoneCall';
import { queryValue } from '../../../../behaviors/query';
import type { ViewStatus } from '../../../../components/state-view/status';
import { outstandingRow, progressText, receiptRow, type OutstandingRow, type ReceiptRow } from '../../../../presenters/notices';
import { errorMessage, showDone, showError } from '../../../../services/feedback';
import { confirmFor, fetchOutstanding, fetchReceipts, type OutstandingList } from '../../../../services/notices';
import type { DatasetEvent } from '../../../../types/events';

const local = instanceState(() => ({ noticeId: '', requiresAck: false }));

interface Header {
  title: string;
  scope: string;
  progress: string;
  body: string;
}

Component({
  behaviors: [phoneCall],
  data: {
    status: 'loading' as ViewStatus,
    errorMessage: '',
    header: null as Header | null,
    buildings: [] as ReceiptRow[],
    buildingId: '',
    buildingName: '',
    outstandingStatus: 'loading' as ViewStatus,
    outstandingError: '',
    summary: '',
    households: [] as OutstandingRow[],
    busyId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).noticeId = queryValue(query, 'noticeId');
      const buildingId = queryValue(query, 'buildingId');
      void this.load().then(() => {
        if (buildingId && this.data.buildings.some((b) => b.buildingId === buildingId)) void this.openBuilding(buildingId);
        else if (this.data.buildings.length === 1) void this.openBuilding(this.data.buildings[0].buildingId);
      });
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.noticeId) {
        this.setData({ status: 'error', errorMessage: '没有指定通知，请从通知管理打开' });
        return;
      }
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        const r = await fetchReceipts(state.noticeId);
        state.requiresAck = r.notice.requiresAck;
        this.setData({
          status: 'ready',
          header: {
            title: r.notice.title,
            scope: r.notice.scope.label,
            progress: progressText(r.totals, r.notice.requiresAck),
            body: r.notice.body,
          },
          buildings: r.buildings.map((b) => receiptRow(b, r.notice.requiresAck)),
        });
      } catch (err) {
        showError(err);
        if (this.data.status !== 'ready') this.setData({ status: 'error', errorMessage: errorMessage(err) });
      }
    },

    onRetry(): void {
      void this.load();
    },

    async onPullDownRefresh(): Promise<void> {
      await this.load();
      if (this.data.buildingId) await this.openBuilding(this.data.buildingId);
      wx.stopPullDownRefresh();
    },

    onBuilding(e: DatasetEvent<{ buildingId?: string }>): void {
      const id = e.currentTarget.dataset.buildingId;
      if (id) void this.openBuilding(id);
    },

    showOutstanding(list: OutstandingList): void {
      this.setData({
        outstandingStatus: list.households.length ? 'ready' : 'empty',
        summary: list.summary,
        households: list.households.map(outstandingRow),
      });
    },

    async openBuilding(buildingId: string): Promise<void> {
      const name = this.data.buildings.find((b) => b.buildingId === buildingId)?.buildingName ?? '';
      this.setData({ buildingId, buildingName: name, outstandingStatus: 'loading', outstandingError: '', households: [], summary: '' });
      try {
        this.showOutstanding(await fetchOutstanding(local(this).noticeId, buildingId));
      } catch (err) {
        showError(err);
        this.setData({ outstandingStatus: 'error', outstandingError: errorMessage(err) });
      }
    },

    onOutstandingRetry(): void {
      if (this.data.buildingId) void this.openBuilding(this.data.buildingId);
    },

    /** 已电话告知 / 已上门告知: recorded for the household; doing it twice changes nothing on the server. */
    async onConfirm(e: DatasetEvent<{ householdId?: string; method?: 'phone' | 'door' }>): Promise<void> {
      const { householdId, method } = e.currentTarget.dataset;
      if (!householdId || !method || this.data.busyId) return;
      this.setData({ busyId: householdId });
      try {
        const list = await confirmFor(local(this).noticeId, householdId, method);
        this.setData({ busyId: '' });
        this.showOutstanding(list);
        showDone(local(this).requiresAck ? '已代为确认' : '已记为已读');
        void this.load();
      } catch (err) {
        this.setData({ busyId: '' });
        showError(err);
      }
    },
  },
});
