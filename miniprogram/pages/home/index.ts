import { loadable, type LoadedView } from '../../behaviors/loadable';
import { greetingFor } from '../../presenters/greeting';
import { fetchTodayTasks, type TodayTask } from '../../services/tasks';

Component({
  behaviors: [loadable],
  data: {
    greeting: '',
    tasks: [] as TodayTask[],
  },
  methods: {
    onLoad(): void {
      this.setData({ greeting: greetingFor(new Date().getHours()) });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const tasks = await fetchTodayTasks();
      return { empty: tasks.length === 0, data: { tasks } };
    },
  },
});
