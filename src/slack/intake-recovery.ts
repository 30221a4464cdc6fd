import type { WebClient } from "@slack/web-api";
import type { TellFiler } from "../cases/intake-filing.ts";
import { errorSummary } from "../lib/errors.ts";
import type { Logger } from "../lib/logger.ts";
import { filedConfirmation } from "./blocks/case-card.ts";
import { filedModal } from "./blocks/intake-progress.ts";
import { tellPrivately } from "./listeners/respond.ts";

/**
 * Tells the filer of a filing recovered from the intake journal its case number: in the modal they
 * submitted, if it is still open (views.update by view id), else privately (ephemeral in the channel
 * they started in, else a direct message). Best effort: a refusal is logged by id, never thrown.
 */
export function intakeRecoveryTeller(client: WebClient, timeZone: string, logger: Logger): TellFiler {
  return async ({ summary }, entry) => {
    const confirmation = filedConfirmation(summary, timeZone, false);
    const userId = entry.context.filedBy;
    try {
      if (!entry.delivery.viewId) throw new Error("no view to update");
      await client.views.update({ view_id: entry.delivery.viewId, view: filedModal(confirmation) });
    } catch {
      // not_found: the filer closed the modal (or it expired) meanwhile.
      await tellPrivately(client, userId, entry.delivery.originChannelId, confirmation).catch((error: unknown) =>
        logger.warn({ user: userId, caseId: summary.id, error: errorSummary(error) }, "recovered filing not told"),
      );
    }
    logger.info({ caseId: summary.id, number: summary.number, attempts: entry.attempts }, "journaled intake filed");
  };
}
