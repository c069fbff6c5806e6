// Requests that are safe to repeat survive a background that drops them (Chromium can lose a
// message sent while its service worker stops or starts), and never wait forever.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { askBackground, NotAnswering, persistently } from '../../../src/shared/persist';

const never = <T>() => new Promise<T>(() => {});

describe('persistently', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers at once when the first attempt answers, asking only once', async () => {
    const send = vi.fn(async () => 'handle');
    await expect(persistently(send, [3000, 5000])).resolves.toBe('handle');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('asks again after a pause when a request is lost', async () => {
    const send = vi.fn<() => Promise<string>>().mockImplementationOnce(never).mockResolvedValue('second');
    const answer = persistently(send, [3000, 5000]);
    await vi.advanceTimersByTimeAsync(2999);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toBe('second');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('takes a slow first answer that arrives while the second attempt is pending', async () => {
    let answerFirst: (v: string) => void = () => {};
    const send = vi
      .fn<() => Promise<string>>()
      .mockImplementationOnce(() => new Promise((r) => (answerFirst = r)))
      .mockImplementation(never);
    const answer = persistently(send, [3000, 5000]);
    await vi.advanceTimersByTimeAsync(4000);
    answerFirst('first');
    await expect(answer).resolves.toBe('first');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('tries again soon after a rejection (no receiver yet)', async () => {
    const send = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValue('ok');
    const answer = persistently(send, [3000, 5000]);
    await vi.advanceTimersByTimeAsync(600);
    await expect(answer).resolves.toBe('ok');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('gives up with NotAnswering once the last pause runs out, after the allowed attempts', async () => {
    const send = vi.fn<() => Promise<string>>().mockImplementation(never);
    const answer = persistently(send, [3000, 5000, 12000]);
    const outcome = expect(answer).rejects.toBeInstanceOf(NotAnswering);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(send).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up with the last error when every attempt is refused', async () => {
    const send = vi.fn<() => Promise<string>>().mockImplementation(async () => {
      throw new Error('Malformed request');
    });
    const outcome = expect(persistently(send, [3000, 5000])).rejects.toThrow('Malformed request');
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('never sends a send twice: one attempt, and a clear failure instead of waiting forever', async () => {
    const send = vi.fn<() => Promise<string>>().mockImplementation(never);
    const outcome = expect(askBackground('composer.send', send)).rejects.toBeInstanceOf(NotAnswering);
    await vi.advanceTimersByTimeAsync(60_000);
    await outcome;
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('asks again for a message frame registration that was dropped', async () => {
    const send = vi.fn<() => Promise<string>>().mockImplementationOnce(never).mockResolvedValue('handle');
    const answer = askBackground('message.register', send);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(answer).resolves.toBe('handle');
    expect(send).toHaveBeenCalledTimes(2);
  });
});
