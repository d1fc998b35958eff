import { Emitter } from '../../common/event';
import type { AppInfo, AppService, Heartbeat } from '../../common/services/appService';

/** Why 5 s: often enough to show a dead host quickly, rare enough to cost nothing. */
export const HEARTBEAT_INTERVAL_MS = 5_000;

export class AppServiceImpl implements AppService {
  private readonly heartbeat = new Emitter<Heartbeat>();
  private readonly timer: NodeJS.Timeout;
  readonly onDidHeartbeat = this.heartbeat.event;

  constructor(
    private readonly info: AppInfo,
    intervalMs = HEARTBEAT_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => this.heartbeat.fire({ now: new Date().toISOString() }), intervalMs);
    this.timer.unref();
  }

  async getInfo(): Promise<AppInfo> {
    return this.info;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.heartbeat.dispose();
  }
}
