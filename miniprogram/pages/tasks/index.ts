/**
 * 我的待办 (staff): everything waiting in the caller's scopes — help requests, abnormal and missed check-ins,
 * escalations, and what other features add — most urgent first, 20 at a time. Each item opens the place to act on
 * it (presenters/tasks.ts ROUTES); items that are only read are ticked off here with 标记已处理, once even when the
 * answer is lost (one tap = one request id, reused on retry). Coming back from acting on one refreshes the list.
 */
import { instanceState } from '../../behaviors/instanceState';
import { pagedList } from '../../behaviors/pagedList';
import { toTaskRow, type TaskRow } from '../../presenters/tasks';
import { showDone, showError } from '../../services/feedback';
import { listMyTasks, markTaskDone } from '../../services/health';
import type { Page } from '../../services/paging';
import { createSubmitKey, type SubmitKey } from '../../transport/index';
import type { DatasetEvent } from '../../types/events';

const local = instanceState(() => ({ keys: new Map<string, SubmitKey>(), shown: false }));

Component({
  behaviors: [pagedList],
  data: {
    busyId: '',
  },
  methods: {
    onLoad(): void {
      void this.reloadList();
    },

    onShow(): void {
      const state = local(this);
      if (state.shown) void this.reloadList();
      state.shown = true;
    },

    async fetchPage(cursor: string | null): Promise<Page<TaskRow>> {
      const page = await listMyTasks(cursor);
      return { items: page.items.map(toTaskRow), nextCursor: page.nextCursor };
    },

    onOpen(e: DatasetEvent<{ url?: string }>): void {
      const url = e.currentTarget.dataset.url;
      if (url) wx.navigateTo({ url });
    },

    async onDone(e: DatasetEvent<{ taskId?: string }>): Promise<void> {
      const taskId = e.currentTarget.dataset.taskId;
      const items = this.data.items as TaskRow[];
      const index = items.findIndex((t) => t.taskId === taskId);
      if (!taskId || index < 0 || this.data.busyId) return;
      const keys = local(this).keys;
      const key = keys.get(taskId) ?? createSubmitKey();
      keys.set(taskId, key);
      this.setData({ busyId: taskId });
      try {
        const task = await markTaskDone(taskId, key.requestId);
        keys.delete(taskId);
        this.setData({ busyId: '', [`items[${index}]`]: toTaskRow(task) });
        showDone('已标记处理');
      } catch (err) {
        this.setData({ busyId: '' });
        showError(err);
      }
    },
  },
});
