/**
 * 我的待办 (staff): abnormal check-ins, missed ones, escalations — most urgent first, 20 at a time. Marking one
 * done tells the others it is handled (the household is no longer flagged). One tap = one request id, reused on retry.
 */
import { instanceState } from '../../behaviors/instanceState';
import { pagedList } from '../../behaviors/pagedList';
import { toTaskRow, type TaskRow } from '../../presenters/tasks';
import { showDone, showError } from '../../services/feedback';
import { listMyTasks, markTaskDone } from '../../services/health';
import type { Page } from '../../services/paging';
import { createSubmitKey, type SubmitKey } from '../../transport/index';
import type { DatasetEvent } from '../../types/events';

const local = instanceState(() => ({ keys: new Map<string, SubmitKey>() }));

Component({
  behaviors: [pagedList],
  data: {
    busyId: '',
  },
  methods: {
    onLoad(): void {
      void this.reloadList();
    },

    async fetchPage(cursor: string | null): Promise<Page<TaskRow>> {
      const page = await listMyTasks(cursor);
      return { items: page.items.map(toTaskRow), nextCursor: page.nextCursor };
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
