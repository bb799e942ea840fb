// Renewing the Kakapo IM&P token (kakapo.md §3.2: issued with the license, valid for minutes): the
// IM&P driver asks for it when REGISTER refuses the token it has, e.g. at a re-register after a
// drop long after start-up (issue 10). The license is requested again exactly as start-up does
// (seed §1.1: the same fields, built from the start-up machine's input and profile); the new token
// replaces the old one in the portal answers and, like it, never enters an event or a log.
import type { PortalClient } from '../adapters/portal/portal-client.ts';
import { licenseRequest } from '../machines/startup/license-request.ts';
import type { StartupContext } from '../machines/startup/startup-context.ts';
import type { PortalAnswers } from './portal-answers.ts';
import { wireLicenseRequest } from './startup-effects.ts';

export type ImpTokenRenewal = () => Promise<{ ok: true } | { ok: false; message: string }>;

/**
 * One renewal at a time: callers that ask while one is under way share its answer.
 *
 * @example
 * const renew = createImpTokenRenewal({ portal, answers, context: () => startupContextOf(system.actor) });
 * const renewed = await renew(); // answers.impToken is the portal's new token when renewed.ok
 */
export function createImpTokenRenewal(options: { portal: Pick<PortalClient, 'requestLicense'>; answers: PortalAnswers; context: () => StartupContext }): ImpTokenRenewal {
  let running: ReturnType<ImpTokenRenewal> | null = null;
  const renew = async (): ReturnType<ImpTokenRenewal> => {
    const { input, profile } = options.context();
    if (profile === null) return { ok: false, message: 'start-up has not read the BroadWorks profile yet' };
    const result = await options.portal.requestLicense(wireLicenseRequest(licenseRequest(input, profile)));
    if (!result.ok) return { ok: false, message: result.error.message };
    if (result.value.impToken === undefined) return { ok: false, message: 'the license answer carries no IM&P token' };
    options.answers.impToken = result.value.impToken;
    return { ok: true };
  };
  return () => {
    running ??= renew().finally(() => {
      running = null;
    });
    return running;
  };
}
