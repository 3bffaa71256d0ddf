import { renderComponent, settle, type Rendered } from '../harness/render';

let view: Rendered | undefined;
afterEach(() => view?.detach());

describe('<state-view>', () => {
  it('shows a spinner with its text while loading, and a skeleton instead on list pages', async () => {
    view = renderComponent('components/state-view/index', { properties: { status: 'loading' } });
    expect(view.text()).toContain('正在加载…');
    expect(view.exists('.state-view--loading >>> .t-loading')).toBe(true);

    view.comp.setData({ skeleton: true });
    await settle();
    expect(view.exists('.state-view__skeleton')).toBe(true);
    expect(view.text()).not.toContain('正在加载…');
  });

  it('shows the empty message', async () => {
    view = renderComponent('components/state-view/index', { properties: { status: 'empty', emptyText: '暂时没有通知' } });
    expect(view.text()).toBe('暂时没有通知');
    expect(view.exists('.state-view__retry')).toBe(false);
  });

  it('shows the error with a retry button that fires `retry`', async () => {
    view = renderComponent('components/state-view/index', {
      properties: { status: 'error', errorText: '网络不给力，请检查网络后重试' },
    });
    const retries: unknown[] = [];
    (view.comp as unknown as { addEventListener(name: string, fn: (e: unknown) => void): void }).addEventListener(
      'retry',
      (e) => retries.push(e),
    );
    expect(view.text()).toContain('网络不给力，请检查网络后重试');
    expect(view.text()).toContain('重新加载');

    await view.tap('.state-view__retry >>> .t-button');
    expect(retries).toHaveLength(1);
  });
});
