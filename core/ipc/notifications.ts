import { z } from 'zod';

/**
 * Notifications of every area (core/kernel/area.ts `notifications`, the store's `notices`, plus
 * what an area computes when asked, such as 临近时限); spread into core/ipc/contract.ts.
 * main/notifications implements them.
 */
const Count = z.number().int().min(0);
const Empty = z.object({}).strict().default({});

export const AppNotification = z.object({
  /** Idempotent: the same on every replica and every day the event lasts. */
  key: z.string(),
  /** What it is (assignment, urge, report_returned, due_soon, review, extension …), set by the area. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** The record it is about, and its kind (where a click leads). */
  itemId: z.string(),
  recordKind: z.string().default(''),
  since: z.string(),
});
export type AppNotification = z.infer<typeof AppNotification>;

export const notificationsContract = {
  notifications: {
    /** Notifications for the current identity not yet acknowledged. */
    pending: { input: Empty, output: z.object({ notifications: z.array(AppNotification) }) },
    /** 消息: the identity's notifications newest first, shown or not (`seen`: it has popped up). */
    recent: { input: Empty, output: z.object({ notifications: z.array(AppNotification.extend({ seen: z.boolean() })) }) },
    /** Records the keys as delivered: they are never offered again. */
    ack: {
      input: z.object({ keys: z.array(z.string().min(1).max(300)).max(1000) }).strict(),
      output: z.object({ acked: Count }),
    },
  },
} as const;
