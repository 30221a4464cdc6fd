import type { OutboxHandlers } from "../outbox/outbox-handlers.ts";

/** Work queued when a case is filed: route it (team, owner, tasks) after the filing commits. */
export const ROUTING_OUTBOX = { routeCase: "route_case" } as const;

export function routingOutboxHandlers(routing: { routeCase(caseId: string): Promise<unknown> }): OutboxHandlers {
  return {
    [ROUTING_OUTBOX.routeCase]: async ({ caseId }) => {
      if (caseId) await routing.routeCase(caseId);
    },
  };
}
