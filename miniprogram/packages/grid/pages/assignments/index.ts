/**
 * 任命记录: the appointments of a grid (its grid worker) or of the whole community (the admin), newest first, with
 * unused invitation codes and 撤销 — which takes effect on the appointee's next call.
 */
import { pagedList } from '../../../../behaviors/pagedList';
import { instanceState } from '../../../../behaviors/instanceState';
import { queryValue } from '../../../../behaviors/query';
import { assignmentRow, type AssignmentRow } from '../../../../presenters/appointment';
import { copyText } from '../../../../services/device';
import { showDone, showError } from '../../../../services/feedback';
import { pageOf, type Page } from '../../../../services/paging';
import { AppError } from '../../../../transport/index';
import type { DatasetEvent } from '../../../../types/events';
import { listAssignments, revokeAssignment } from '../../services/appointments';

const local = instanceState(() => ({ communityId: '', gridId: '', all: [] as AssignmentRow[] }));

Component({
  behaviors: [pagedList],
  data: {
    revoking: null as AssignmentRow | null,
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      const state = local(this);
      state.communityId = queryValue(query, 'communityId');
      state.gridId = queryValue(query, 'gridId');
      void this.reloadList();
    },

    /** role.list answers every appointment; the screen shows 20 at a time. */
    async fetchPage(cursor: string | null): Promise<Page<AssignmentRow>> {
      const state = local(this);
      if (cursor === null) {
        if (!state.communityId) throw new AppError('CLIENT.MISSING_COMMUNITY', '缺少社区信息，请从「我的」工作台重新进入');
        state.all = (await listAssignments(state.communityId, state.gridId || undefined)).map(assignmentRow);
      }
      return pageOf(state.all, cursor);
    },

    async onCopy(e: DatasetEvent<{ code?: string }>): Promise<void> {
      const code = e.currentTarget.dataset.code;
      if (!code) return;
      try {
        await copyText(code);
        showDone('已复制任命码');
      } catch (err) {
        showError(err);
      }
    },

    onAskRevoke(e: DatasetEvent<{ assignmentId?: string }>): void {
      const row = (this.data.items as AssignmentRow[]).find((r) => r.assignmentId === e.currentTarget.dataset.assignmentId);
      if (row) this.setData({ revoking: row });
    },

    onRevokeClose(): void {
      if (!this.data.busy) this.setData({ revoking: null });
    },

    async onRevokeConfirm(): Promise<void> {
      const row = this.data.revoking;
      if (!row || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const updated = assignmentRow(await revokeAssignment(row.assignmentId));
        const state = local(this);
        state.all = state.all.map((r) => (r.assignmentId === updated.assignmentId ? updated : r));
        const index = (this.data.items as AssignmentRow[]).findIndex((r) => r.assignmentId === updated.assignmentId);
        this.setData({ busy: false, revoking: null, ...(index >= 0 ? { [`items[${index}]`]: updated } : {}) });
        showDone('已撤销任命');
      } catch (err) {
        this.setData({ busy: false, revoking: null });
        showError(err);
      }
    },
  },
});
