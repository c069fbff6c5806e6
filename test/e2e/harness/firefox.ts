import type { LaunchOptions, UserBrowser } from './types.ts';
export async function launchFirefox(_opts: LaunchOptions): Promise<UserBrowser> {
  throw new Error('todo');
}
