import type { z } from 'zod';
import { AppError, toErrorShape, type Result } from '../result';
import { listMethods, type Area, type MethodOf, type MethodSpec, type OutputOf, type ParsedInputOf } from './contract';

/** Plain handlers implementing the contract; the Electron and web bindings both call them. */
export type Handlers = {
  [A in Area]: {
    [M in MethodOf<A>]: (input: ParsedInputOf<A, M>) => Promise<OutputOf<A, M>> | OutputOf<A, M>;
  };
};

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/** Formats zod issues as one readable line for the user. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join(';');
}

/**
 * Validates the channel and input against the contract, runs the handler and turns any
 * thrown error into a value. Nothing is written when the input fails validation,
 * because the handler never runs.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  const table = new Map<string, { spec: MethodSpec; run: (input: unknown) => unknown }>();
  for (const { area, name, channel, spec } of listMethods()) {
    const areaHandlers = handlers[area] as Record<string, (input: unknown) => unknown>;
    const run = areaHandlers[name];
    if (!run) throw new Error(`missing handler for ${channel}`);
    table.set(channel, { spec, run: (input) => run.call(areaHandlers, input) });
  }
  return async (channel, input) => {
    const entry = typeof channel === 'string' ? table.get(channel) : undefined;
    if (!entry) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的调用:${String(channel)}` } };
    const parsed = entry.spec.input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'BAD_INPUT', message: `输入有误:${describeIssues(parsed.error)}` } };
    }
    try {
      const value = await entry.run(parsed.data);
      return { ok: true, value: entry.spec.output.parse(value) };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  };
}

export { AppError };
