import { loadable, type LoadedView } from '../../behaviors/loadable';
import { noticeBadge } from '../../behaviors/noticeBadge';
import { greetingFor } from '../../presenters/greeting';
import { fetchTodayTasks, type TodayTask } from '../../services/tasks';
import { toTaskBadge, type TaskBadge } from '../../presenters/tasks';
import { fetchTaskCounts } from '../../services/health';

Component({
  behaviors: [loadable, noticeBadge],
  data: {
    greeting: '',
    tasks: [] as TodayTask[],
    /** Staff only: 我的待办 with its badge (loaded beside the page, never blocking it). */
    inbox: null as TaskBadge | null,
  },
  methods: {
    onLoad(): void {
      this.setData({ greeting: greetingFor(new Date().getHours()) });
      void this.reloadView();
    },

    /** Every time 首页 shows (the app opening, or back from acting on an item): the 待办 and 通知 badges are current. */
    onShow(): void {
      void this.refreshNoticeBadge();
      fetchTaskCounts().then(
        (c) => this.setData({ inbox: toTaskBadge(c) }),
        () => undefined, // the badge is a convenience; the inbox itself shows any failure
      );
    },

    async fetchView(): Promise<LoadedView> {
      const tasks = await fetchTodayTasks();
      return { empty: tasks.length === 0, data: { tasks } };
    },
  },
});
