/**
 * 待确认绑定: who asks to be linked to a household of this building. The 楼道长 calls back to check, then confirms
 * (the person joins the household) or rejects with a reason the person will read in 我的.
 */
import { pagedList } from '../../../../behaviors/pagedList';
import { instanceState } from '../../../../behaviors/instanceState';
import { textProblem } from '../../../../presenters/person';
import { fieldErrorsOf, showDone, showError } from '../../../../services/feedback';
import { pageOf, type Page } from '../../../../services/paging';
import { AppError } from '../../../../transport/index';
import type { DatasetEvent, ValueEvent } from '../../../../types/events';
import { toPendingRow, type PendingRow } from '../../presenters/pending';
import { confirmBinding, listPendingBindings, rejectBinding } from '../../services/bindings';
import { phoneCall } from '../../../../behaviors/phoneCall';
import { queryValue } from '../../../../behaviors/query';

const REASON_MAX = 100;

const local = instanceState(() => ({ buildingId: '', all: [] as PendingRow[] }));

Component({
  behaviors: [pagedList, phoneCall],
  data: {
    busyId: '',
    rejecting: null as PendingRow | null,
    reason: '',
    reasonError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).buildingId = queryValue(query, 'buildingId');
      void this.reloadList();
    },

    /** binding.pending answers the whole building; the screen shows 20 at a time. */
    async fetchPage(cursor: string | null): Promise<Page<PendingRow>> {
      const state = local(this);
      if (cursor === null) {
        if (!state.buildingId) throw new AppError('CLIENT.MISSING_BUILDING', '没有找到这栋楼，请从楼栋一览重新进入');
        state.all = (await listPendingBindings(state.buildingId)).map(toPendingRow);
      }
      return pageOf(state.all, cursor);
    },

    /** Takes a reviewed request off the list. */
    drop(bindingId: string): void {
      const state = local(this);
      state.all = state.all.filter((r) => r.bindingId !== bindingId);
      const items = (this.data.items as PendingRow[]).filter((r) => r.bindingId !== bindingId);
      this.setData({ items, status: items.length || this.data.nextCursor !== null ? 'ready' : 'empty' });
    },

    async onConfirm(e: DatasetEvent<{ bindingId?: string }>): Promise<void> {
      const row = (this.data.items as PendingRow[]).find((r) => r.bindingId === e.currentTarget.dataset.bindingId);
      if (!row || this.data.busyId) return;
      this.setData({ busyId: row.bindingId });
      try {
        await confirmBinding(row.bindingId);
        this.setData({ busyId: '' });
        this.drop(row.bindingId);
        showDone(`已确认 ${row.label}`);
      } catch (err) {
        this.setData({ busyId: '' });
        showError(err);
      }
    },

    onAskReject(e: DatasetEvent<{ bindingId?: string }>): void {
      const row = (this.data.items as PendingRow[]).find((r) => r.bindingId === e.currentTarget.dataset.bindingId);
      if (row) this.setData({ rejecting: row, reason: '', reasonError: '' });
    },

    onReasonChange(e: ValueEvent<string>): void {
      this.setData({ reason: e.detail.value, reasonError: '' });
    },

    onRejectClose(): void {
      if (!this.data.busyId) this.setData({ rejecting: null });
    },

    async onRejectConfirm(): Promise<void> {
      const row = this.data.rejecting;
      if (!row || this.data.busyId) return;
      const reasonError = textProblem('驳回原因', this.data.reason, REASON_MAX, true);
      if (reasonError) {
        this.setData({ reasonError });
        return;
      }
      this.setData({ busyId: row.bindingId });
      try {
        await rejectBinding(row.bindingId, this.data.reason);
        this.setData({ busyId: '', rejecting: null });
        this.drop(row.bindingId);
        showDone('已驳回');
      } catch (err) {
        this.setData({ busyId: '', reasonError: fieldErrorsOf(err).reason ?? '' });
        showError(err);
      }
    },
  },
});
