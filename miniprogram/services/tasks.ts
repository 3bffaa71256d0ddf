/** One thing to do today, shown on 首页 (a check-in due, an order to deliver, a notice to read…). */
export interface TodayTask {
  id: string;
  title: string;
  description: string;
  /** The page that does it. */
  url: string;
}

/**
 * Today's tasks come from the features that create them (check-ins, orders, help requests, notices).
 * None exists yet, so there is nothing to do — and 首页 says so instead of showing examples.
 */
export async function fetchTodayTasks(): Promise<TodayTask[]> {
  return [];
}
