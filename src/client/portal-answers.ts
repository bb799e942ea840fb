// What the Kakapo portal answered that the machines do not hold: the whole branding response (its
// policy, XSI settings and call-center statistics bounds; the start-up machine keeps only the parts
// start-up decides on) and the license's impToken, a secret that never enters an event or a log.
// Written by the start-up effects as the answers arrive; read by the drivers, XSI and the UIs.
import type { BrandingResponse } from '../codecs/kakapo/types.ts';

export interface PortalAnswers {
  /** kakapo.md §2.1: the branding response, null before it arrived. */
  branding: BrandingResponse | null;
  /** kakapo.md §3.2: the token Kakapo IM&P registers with; undefined when the portal gave none. */
  impToken: string | undefined;
}

/** An empty record for a new session. */
export function createPortalAnswers(): PortalAnswers {
  return { branding: null, impToken: undefined };
}
