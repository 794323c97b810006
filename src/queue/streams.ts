// Names of the durable queues. One Redis stream per kind of work, one consumer group each.

export const GITHUB_DELIVERIES = { stream: 'queue:github', group: 'workers' } as const;

/** How long a delivery id is remembered: GitHub lets people redeliver for about 3 days. */
export const DELIVERY_DEDUPE_MS = 4 * 24 * 3600 * 1000;
