/**
 * Counts Paycor-API calls (never `/_sandbox` ones) by endpoint name and by status.
 * A call is counted when it arrives; its status when the answer is sent, or as
 * `no-response` when the client gave up first (e.g. during a `timeout` fault).
 *
 * @public
 */
export interface CallLogSnapshot {
  total: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
}

export const NO_RESPONSE = 'no-response';

export class CallLog {
  private total = 0;
  private byEndpoint: Record<string, number> = {};
  private byStatus: Record<string, number> = {};

  recordCall(endpoint: string): void {
    this.total++;
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
  }

  recordOutcome(status: number | typeof NO_RESPONSE): void {
    const key = String(status);
    this.byStatus[key] = (this.byStatus[key] ?? 0) + 1;
  }

  snapshot(): CallLogSnapshot {
    return {
      total: this.total,
      byEndpoint: { ...this.byEndpoint },
      byStatus: { ...this.byStatus },
    };
  }

  reset(): void {
    this.total = 0;
    this.byEndpoint = {};
    this.byStatus = {};
  }
}
