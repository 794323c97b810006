// Failures a test queues up for the next calls of a method, consumed one call at a time.

/** `error`: answer ok:false with that code; `status`: that HTTP status (429 adds Retry-After). */
export type Failure =
  | string
  | { error: string; times?: number; extra?: Record<string, unknown> }
  | { status: number; retryAfter?: number; times?: number };

export type ResolvedFailure =
  | { kind: 'error'; error: string; extra: Record<string, unknown> }
  | { kind: 'http'; status: number; retryAfter: number };

export class FailureQueue {
  private readonly queued = new Map<string, ResolvedFailure[]>();

  add(method: string, failure: Failure): void {
    const spec = typeof failure === 'string' ? { error: failure } : failure;
    const resolved: ResolvedFailure =
      'error' in spec
        ? { kind: 'error', error: spec.error, extra: spec.extra ?? {} }
        : { kind: 'http', status: spec.status, retryAfter: spec.retryAfter ?? 1 };
    const times = Math.max(1, spec.times ?? 1);
    const list = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(resolved);
    this.queued.set(method, list);
  }

  take(method: string): ResolvedFailure | undefined {
    return this.queued.get(method)?.shift();
  }

  pending(method: string): number {
    return this.queued.get(method)?.length ?? 0;
  }

  clear(): void {
    this.queued.clear();
  }
}
