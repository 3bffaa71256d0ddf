/**
 * State a page keeps for itself that the view never shows (a submit key, a timer, the answer behind a picker):
 * outside `data`, so it never costs a setData, and per page instance.
 *
 *   const local = instanceState(() => ({ submitKey: createSubmitKey() }));
 *   …in a method: local(this).submitKey.requestId
 */
export function instanceState<T>(init: () => T): (host: object) => T {
  const states = new WeakMap<object, T>();
  return (host) => {
    let state = states.get(host);
    if (!state) {
      state = init();
      states.set(host, state);
    }
    return state;
  };
}
