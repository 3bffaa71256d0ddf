/**
 * The emulator clock: real time plus a settable offset, so serverDate, triggers and functions can be moved in time.
 */
import { Clock } from '../../../emulator/clock';

it('follows real time until it is moved', () => {
  const clock = new Clock();
  expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
  expect(clock.date()).toBeInstanceOf(Date);
});

it('set() jumps to an absolute time and keeps flowing from there', async () => {
  const clock = new Clock();
  const target = Date.UTC(2030, 0, 1, 2, 0, 0);
  clock.set(target);
  expect(Math.abs(clock.now() - target)).toBeLessThan(50);
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(clock.now()).toBeGreaterThanOrEqual(target + 25);
});

it('advance() moves by a delta; reset() returns to real time', () => {
  const clock = new Clock();
  clock.advance(86_400_000);
  expect(clock.offsetMs).toBe(86_400_000);
  expect(clock.now() - Date.now()).toBeGreaterThan(86_399_000);
  clock.reset();
  expect(clock.offsetMs).toBe(0);
});

it('notifies listeners on every change until they unsubscribe', () => {
  const clock = new Clock();
  const seen: number[] = [];
  const off = clock.onChange((c) => seen.push(c.offsetMs));
  clock.advance(10);
  clock.advance(5);
  off();
  clock.advance(1);
  expect(seen).toEqual([10, 15]);
});

it('rejects values that are not finite milliseconds', () => {
  const clock = new Clock();
  expect(() => clock.set(Number.NaN)).toThrow(TypeError);
  expect(() => clock.advance(Infinity)).toThrow(TypeError);
});
